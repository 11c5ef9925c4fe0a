// The demo's levels: 青山县委组织部 at the root, 青溪镇党委 (a town) and 县发展改革局 (a county department)
// below it, and the town running its own small village campaign (青溪镇2026年度村级擂台赛) with a
// town organizer who is also 青溪镇's reporter in the county's campaign; 青溪镇's 新签约项目 in the
// county's campaign is rolled up from the town's (上下联动). Loaded through the same services the API uses.
import { readFileSync } from 'node:fs';
import { eq, isNull } from 'drizzle-orm';
import type { DataRow } from '@leitai/engine';
import { randomPassword } from '../auth/password.ts';
import { organizations } from '../db/schema.ts';
import { insertOrganization } from '../repositories/users.ts';
import { createCampaign } from '../services/campaigns.ts';
import { createRollup } from '../services/rollups.ts';
import type { Ctx } from '../services/context.ts';
import { writeFigures, type Writer } from '../services/figures.ts';
import { updatePeriod } from '../services/periods.ts';
import { decide } from '../services/verification.ts';
import { createUser } from '../services/users.ts';
import type { Login } from './load.ts';

export const TOWN_SPEC_TEXT = readFileSync(new URL('./qingxi-villages-2026.yaml', import.meta.url), 'utf8');
export const ROOT_NAME = '青山县委组织部';
const TOWN_CAMPAIGN = 'qingxi-villages-2026';
/** the county's cell fed from the town's campaign (the sum of the villages' 新签约项目): not typed in the county's demo figures */
export const DEMO_ROLLUP = { unit: 'qingxi', indicator: 'proj' } as const;
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
/** closed on first start: the town's organizer runs June themselves */
const TOWN_CLOSED = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];

const VILLAGES: { id: string; form: number; target: number }[] = [
  { id: 'dongcun', form: 1.12, target: 24 }, { id: 'xicun', form: 0.86, target: 24 }, { id: 'nanling', form: 1.02, target: 24 },
  { id: 'beiwan', form: 0.78, target: 24 }, { id: 'shiqiao', form: 0.95, target: 24 },
  { id: 'xinjie', form: 1.05, target: 36 }, { id: 'qingxiyuan', form: 0.9, target: 36 },
];

/** Six months of village figures, the same on every machine (no clock, no randomness). */
export function townFigures(): Omit<DataRow, 'row'>[] {
  const out: Omit<DataRow, 'row'>[] = [];
  VILLAGES.forEach((v, vi) => {
    let income = 0;
    MONTHS.forEach((period, mi) => {
      const wobble = ((vi * 7 + mi * 3) % 5) / 50; // 0 … 0.08
      income += (v.target / 12) * (v.form + wobble - 0.04);
      out.push({ unit: v.id, indicator: 'income', period, value: income.toFixed(2) });
      out.push({ unit: v.id, indicator: 'tidy', period, value: (70 + v.form * 20 + ((vi + mi) % 4) * 2).toFixed(1) });
      out.push({ unit: v.id, indicator: 'party', period, value: Math.min(30, 20 + v.form * 6 + ((vi * 3 + mi) % 3)).toFixed(1) });
      out.push({ unit: v.id, indicator: 'proj', period, value: String((vi + mi * 2 + (v.form > 1 ? 1 : 0)) % 3) });
    });
  });
  return out;
}

export interface DemoLevels {
  townOrganizationId: number;
  townCampaignId: string;
  logins: Login[];
}

/** The organization tree, the town's campaign with its figures and closed months, and the town organizer. */
export async function loadDemoLevels(ctx: Ctx, admin: Writer, countyCampaignId: string): Promise<DemoLevels> {
  const [root] = await ctx.db.select().from(organizations).where(isNull(organizations.parentId)).orderBy(organizations.id).limit(1);
  await ctx.db.update(organizations).set({ name: ROOT_NAME, kind: 'county' }).where(eq(organizations.id, root.id));
  const town = await insertOrganization(ctx.db, { parentId: root.id, name: '青溪镇党委', kind: 'town' });
  await insertOrganization(ctx.db, { parentId: root.id, name: '白石镇党委', kind: 'town' });
  await insertOrganization(ctx.db, { parentId: root.id, name: '县发展改革局', kind: 'department' });

  await createCampaign(ctx, admin, TOWN_SPEC_TEXT, town.id);
  // the town opened its months as they came (June, the current one, with notices to its villages)
  for (const period of MONTHS) await updatePeriod(ctx, admin, TOWN_CAMPAIGN, period, { state: 'open' }, { notify: period === '2026-06' });
  // 上下联动: 青溪镇's 新签约项目 in the county's campaign is the sum of its villages' — declared before the
  // town closes its months, so that each close enters the month's sum through the county's figure path
  await createRollup(ctx, admin, countyCampaignId, { unit: DEMO_ROLLUP.unit, indicator: DEMO_ROLLUP.indicator, sourceCampaign: TOWN_CAMPAIGN, measure: 'indicator_sum', sourceIndicator: 'proj' });
  const figures = townFigures();
  await writeFigures(ctx, admin, TOWN_CAMPAIGN, figures.map((r, i) => ({ ...r, row: i + 2 })));
  // the closed months were verified by the town before closing: their figures count
  await decide(ctx, admin, TOWN_CAMPAIGN, figures.filter((f) => TOWN_CLOSED.includes(f.period)).map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: 1, decision: 'approve' as const })));
  for (const period of TOWN_CLOSED) {
    await updatePeriod(ctx, admin, TOWN_CAMPAIGN, period, { state: 'verification' });
    await updatePeriod(ctx, admin, TOWN_CAMPAIGN, period, { state: 'closed' });
  }

  const password = randomPassword();
  const displayName = '青溪镇党委组织委员';
  await createUser(ctx, {
    username: 'town', password, displayName, organizationId: town.id,
    grants: [{ role: 'organizer', organizationId: town.id }, { role: 'reporter', campaignId: countyCampaignId, unitId: 'qingxi' }],
  });
  return { townOrganizationId: town.id, townCampaignId: TOWN_CAMPAIGN, logins: [{ username: 'town', password, role: 'organizer', displayName }] };
}
