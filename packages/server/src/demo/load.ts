// Loads the demo campaign and its users through the same services the API uses, so the demo is
// validated and scored exactly like real data.
import { readFileSync } from 'node:fs';
import type { Spec } from '@leitai/engine';
import { randomPassword } from '../auth/password.ts';
import { createCampaign } from '../services/campaigns.ts';
import type { Ctx } from '../services/context.ts';
import { writeFigures, type Writer } from '../services/figures.ts';
import { targetsOf } from '../services/model.ts';
import { parseSpecOrThrow } from '../services/specs.ts';
import { createUser } from '../services/users.ts';
import { demoFigures } from './figures.ts';

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

export async function loadDemo(ctx: Ctx, admin: Writer): Promise<Login[]> {
  const spec = parseSpecOrThrow(DEMO_SPEC_TEXT);
  const campaignId = spec.campaign.id;
  await createCampaign(ctx, admin, DEMO_SPEC_TEXT);
  const rows = demoFigures(spec.units.map((u) => ({ id: u.id, faiTarget: targetOf(spec, 'fai', u.id), revTarget: targetOf(spec, 'rev', u.id) })));
  await writeFigures(ctx, admin, campaignId, rows.map((r, i) => ({ ...r, row: i + 2 })));

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
  return logins;
}
