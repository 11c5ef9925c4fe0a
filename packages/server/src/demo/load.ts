// Loads the demo campaign and its users through the same services the API uses, so the demo is
// validated and scored exactly like real data.
import { readFileSync } from 'node:fs';
import type { Spec } from '@leitai/engine';
import { randomPassword } from '../auth/password.ts';
import { createBulletin, publishBulletin } from '../services/bulletins.ts';
import { createCampaign } from '../services/campaigns.ts';
import type { Ctx } from '../services/context.ts';
import { writeFigures, type Writer } from '../services/figures.ts';
import { targetsOf } from '../services/model.ts';
import { parseSpecOrThrow } from '../services/specs.ts';
import { createKioskToken } from '../services/kiosk.ts';
import { updatePeriod } from '../services/periods.ts';
import { decide, verificationQueue } from '../services/verification.ts';
import { createUser } from '../services/users.ts';
import { DEMO_MONTHS, demoFigures } from './figures.ts';
import { DEMO_ROLLUP, loadDemoLevels } from './towns.ts';

export const DEMO_SPEC_TEXT = readFileSync(new URL('./qingshan-2026.yaml', import.meta.url), 'utf8');

export interface Login {
  username: string;
  password: string;
  role: string;
  displayName: string;
}

function targetOf(spec: Spec, indicator: string, unit: string): number {
  const d = spec.indicators.find((x) => x.id === indicator);
  const targets = d && d.input === 'value' && d.target ? targetsOf(spec, d.target) : {};
  return targets[unit] ?? 1;
}

export interface DemoResult {
  logins: Login[];
  /** the lobby big screen of the demo (its kiosk link's path, shown once) and the public phone page */
  screenPath: string;
  phonePath: string;
}

/**
 * Months of the demo published as bulletins on first start, each verified and closed first (as an
 * organizer would: approve the figures, move the period to verification, close it, publish); the
 * latest month is left open, its figures waiting for verification, for the organizer.
 */
const DEMO_PUBLISHED = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
/** the month being reported: the only one open */
export const DEMO_CURRENT = '2026-06';

export async function loadDemo(ctx: Ctx, admin: Writer, publicUrl: string): Promise<DemoResult> {
  const spec = parseSpecOrThrow(DEMO_SPEC_TEXT);
  const campaignId = spec.campaign.id;
  await createCampaign(ctx, admin, DEMO_SPEC_TEXT);
  // the months of the demo's history were opened as they came (their notices long read: none now);
  // June is opened now and the units are told; July on are not yet open (未开启)
  for (const period of DEMO_MONTHS) await updatePeriod(ctx, admin, campaignId, period, { state: 'open' }, { notify: period === DEMO_CURRENT });
  const rows = demoFigures(spec.units.map((u) => ({ id: u.id, faiTarget: targetOf(spec, 'fai', u.id), revTarget: targetOf(spec, 'rev', u.id) })));
  // 青溪镇's 新签约项目 comes from the town's own campaign (上下联动, demo/towns.ts), not typed here
  const typed = rows.filter((r) => !(r.unit === DEMO_ROLLUP.unit && r.indicator === DEMO_ROLLUP.indicator));
  await writeFigures(ctx, admin, campaignId, typed.map((r, i) => ({ ...r, row: i + 2 })));

  const people = [
    { username: 'organizer', displayName: '县委组织部考核办', role: 'organizer' as const, assignments: [] },
    { username: 'scorer', displayName: '作风建设评价科室', role: 'scorer' as const, assignments: [{ campaignId, indicatorId: 'style' }] },
    { username: 'reporter', displayName: '青溪镇填报员', role: 'reporter' as const, assignments: [{ campaignId, unitId: 'qingxi' }] },
    { username: 'leader', displayName: '县领导', role: 'leader' as const, assignments: [] },
  ];
  const logins: Login[] = [];
  for (const p of people) {
    const password = randomPassword();
    await createUser(ctx, { ...p, password });
    logins.push({ username: p.username, password, role: p.role, displayName: p.displayName });
  }

  // the organization tree and a town's own campaign (demo/towns.ts), whose closed months roll up into
  // this campaign's open ones before they are verified and closed below
  const levels = await loadDemoLevels(ctx, admin, campaignId);

  // Published bulletins give the public pages and the big screen something to show on first start,
  // through the same services an organizer uses (so they are frozen and hashed like any other).
  const past = new Set(DEMO_PUBLISHED);
  const toApprove = (await verificationQueue(ctx, admin, campaignId, {})).filter((f) => past.has(f.period));
  await decide(ctx, admin, campaignId, toApprove.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' as const })));
  for (const period of DEMO_PUBLISHED) {
    await updatePeriod(ctx, admin, campaignId, period, { state: 'verification' });
    await updatePeriod(ctx, admin, campaignId, period, { state: 'closed' });
    const draft = await createBulletin(ctx, admin, campaignId, { period });
    await publishBulletin(ctx, admin, draft.id, publicUrl);
  }
  logins.push(...levels.logins);
  const { secret } = await createKioskToken(ctx, admin, campaignId, '演示大屏');
  return { logins, screenPath: `/screen/${secret}`, phonePath: `/m/${encodeURIComponent(campaignId)}` };
}
