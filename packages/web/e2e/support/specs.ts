// Campaign specs the browser tests import. Small enough to reason about the scores by hand:
// fai is a schedule indicator (Q1 expects 25 of 100; ratio capped at 1 → at most 80 points).
export const E2E_SPEC = `version: 1
campaign: { id: e2e-2026, name: 端到端测试竞赛, organizer: 测试县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: town, name: 乡镇组 }
units:
  - { id: a, name: 甲镇, group: town }
  - { id: b, name: 乙镇, group: town }
  - { id: c, name: 丙镇, group: town }
pairs:
  - [a, b]
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: 80, method: schedule, target: 100, measure: 亿元 }
  - { id: dj, name: 党建工作, input: score, weight: 20 }
  - { id: honor, name: 荣誉加分, input: event, effect: bonus, points: 1 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: group }
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
rules:
  - { id: remind, name: 提醒单, action: reminder, when: { behind_schedule: true } }
`;

/** Three mistakes on known lines: an unknown group (line 6), a negative weight (line 9) and an
 *  unknown key (line 10). */
export const BAD_SPEC = `version: 1
campaign: { id: bad-2026, name: 有错误的竞赛, year: 2026, cadence: quarter }
groups:
  - { id: town, name: 乡镇组 }
units:
  - { id: a, name: 甲镇, group: nowhere }
  - { id: b, name: 乙镇, group: town }
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: -5, method: completion, target: 100 }
  - { id: dj, name: 党建工作, input: score, weight: 20, colour: red }
flags: []
`;
