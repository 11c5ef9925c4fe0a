// The account form's roles: grants grouped into one entry per role and campaign, and back — a
// reporter's units, a scorer's indicators, a leader's units and indicators (none: the whole campaign).
import { describe, expect, it } from 'vitest';
import { entriesOf, grantsOf, matches } from '../src/lib/accounts.ts';
import type { Grant } from '../src/api/types.ts';

const GRANTS: Grant[] = [
  { role: 'reporter', campaignId: 'c1', unitId: 'a' },
  { role: 'reporter', campaignId: 'c1', unitId: 'b' },
  { role: 'scorer', campaignId: 'c1', indicatorId: 'gdp' },
  { role: 'leader', campaignId: 'c2' },
  { role: 'leader', campaignId: 'c1', unitId: 'a' },
  { role: 'leader', campaignId: 'c1', indicatorId: 'gdp' },
  { role: 'organizer', organizationId: 7 },
];

describe('role entries', () => {
  it('group grants by role and campaign', () => {
    expect(entriesOf(GRANTS)).toEqual([
      { role: 'reporter', campaignId: 'c1', unitIds: ['a', 'b'], indicatorIds: [] },
      { role: 'scorer', campaignId: 'c1', unitIds: [], indicatorIds: ['gdp'] },
      { role: 'leader', campaignId: 'c2', unitIds: [], indicatorIds: [] },
      { role: 'leader', campaignId: 'c1', unitIds: ['a'], indicatorIds: ['gdp'] },
      { role: 'organizer', organizationId: 7, unitIds: [], indicatorIds: [] },
    ]);
  });

  it('give back the same grants', () => {
    expect(grantsOf(entriesOf(GRANTS), 1)).toEqual(GRANTS);
  });

  it('place a role without a campaign on the user\'s organization', () => {
    expect(grantsOf([{ role: 'leader' }, { role: 'organizer' }], 3)).toEqual([{ role: 'leader', organizationId: 3 }, { role: 'organizer', organizationId: 3 }]);
  });
});

describe('search', () => {
  it('matches every word somewhere, ignoring case', () => {
    expect(matches(['王小明', 'wangxiaoming', '填报员 · 竞赛 · 甲镇'], 'WANG 甲镇')).toBe(true);
    expect(matches(['王小明', 'wangxiaoming'], '乙镇')).toBe(false);
    expect(matches(['x'], '  ')).toBe(true);
  });
});
