// A small quarterly campaign for the publication tests: two groups, a pair, a schedule indicator,
// a score and an event indicator, red/yellow flags per group, a mobile flag on one indicator,
// grades and two rules — two quarters of figures (Q2 moves ranks and flags around).
import type { FastifyInstance } from 'fastify';
import { writeFigures } from '../../src/services/figures.ts';
import { makeCampaign, makeUser, session } from './factories.ts';

export const PUB = 'pub-2026';

export const PUB_SPEC = `version: 1
campaign: { id: ${PUB}, name: 发布测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 乡镇组 }
  - { id: g2, name: 部门组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁局, group: g2 }
  - { id: e, name: 戊局, group: g2 }
pairs:
  - [a, b]
indicators:
  - { id: fai, name: 固定资产投资, category: 项目推进, measure: 亿元, input: value, weight: 60, method: schedule, target: 100 }
  - { id: style, name: 作风建设, category: 党建, input: score, weight: 40 }
  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: group }
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, scope: group }
  - { id: banner, name: 项目先锋旗, color: red, award: top, scope: all, indicator: fai, mobile: true }
summary:
  method: mean
  grades:
    - { id: good, name: 好, share: 0.4 }
    - { id: ok, name: 一般 }
rules:
  - { id: remind, name: 提醒单, action: reminder, when: { behind_schedule: true } }
  - { id: talk, name: 约谈, action: interview, when: { flag: yellow, consecutive: 2 } }
`;

const rows = (period: string, fai: Record<string, string>, style: Record<string, string>) => [
  ...Object.entries(fai).map(([unit, value]) => ({ unit, indicator: 'fai', period, value })),
  ...Object.entries(style).map(([unit, value]) => ({ unit, indicator: 'style', period, value })),
];

/** Q1 (expected 25): a 95, e 93.6, d 88.8, b 86, c 54. Q2 (expected 50): b 98, d 97.8, e 89, a 78, c 66. */
export const PUB_FIGURES = [
  ...rows('2026-Q1', { a: '30', b: '20', c: '10', d: '24.5', e: '24' }, { a: '35', b: '38', c: '30', d: '30', e: '36' }),
  ...rows('2026-Q2', { a: '40', b: '55', c: '30', d: '49', e: '45' }, { a: '30', b: '38', c: '30', d: '38', e: '35' }),
  { unit: 'd', indicator: 'honor', period: '2026-Q2', value: '1' },
];

export async function publicationCampaign(app: FastifyInstance): Promise<{ organizer: string }> {
  await makeCampaign(app, PUB_SPEC, PUB_FIGURES);
  return { organizer: (await session(app, 'organizer')).cookie };
}

/** A draft of `period` published at once; returns the bulletin. */
export async function publishPeriod(app: FastifyInstance, cookie: string, period: string, extra: Record<string, unknown> = {}) {
  const draft = await app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/bulletins`, payload: { period, ...extra }, headers: { cookie } });
  if (draft.statusCode !== 201) throw new Error(`draft: ${draft.statusCode} ${draft.body}`);
  const id = draft.json().bulletin.id as number;
  const res = await app.inject({ method: 'POST', url: `/api/v1/bulletins/${id}/publish`, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`publish: ${res.statusCode} ${res.body}`);
  return res.json().bulletin as { id: number; version: number; contentHash: string; content: Record<string, unknown> };
}

/** Changes figures as an admin would (the service, versions not checked). */
export async function setFigures(app: FastifyInstance, figures: { unit: string; indicator: string; period: string; value: string }[]): Promise<void> {
  const admin = await makeUser(app, 'admin');
  await writeFigures(app.leitai.ctx, admin, PUB, figures.map((f, i) => ({ ...f, row: i + 2 })));
}
