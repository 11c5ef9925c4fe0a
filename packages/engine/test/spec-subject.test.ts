// Leitai's extension to the contract (not in campaign-spec.md 1.1): a campaign's competitors may be
// persons. `campaign.subject: unit | person` (default unit) and, in a person campaign,
// `units[i].person: <person id>` linking a competitor to a person record. Each rule below is named
// after what it says; bad input names its path and problem. Neither field changes any score.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../src/index.ts';
import { S100, run, spec, specIssues, totals, ranksAll, unit } from './support/campaign.ts';

const PERSON = '{id: t, name: 好班长, year: 2026, cadence: quarter, subject: person}';
const CADRES = '[{id: zhang, name: 张三, group: g1, person: 12}, {id: li, name: 李四, group: g1, person: 7}, {id: wang, name: 王五, group: g1}]';

function issueAt(issues: Issue[], path: string): Issue {
  const found = issues.filter((i) => i.path === path);
  expect(found.map((i) => i.message), `issues at ${path}; all: ${issues.map((i) => `${i.path}: ${i.message}`).join(' | ')}`).toHaveLength(1);
  expect(found[0].kind).toBe('spec');
  expect(found[0].message).toContain(path);
  expect(found[0].messageZh).toContain(path);
  return found[0];
}

describe('subject: who competes (Leitai extension)', () => {
  it('subject defaults to unit: a spec without it reads as before, no subject and no person in the model', () => {
    const s = spec({ indicators: S100 });
    expect(s.campaign.subject).toBeUndefined();
    expect(s.units.every((u) => !('person' in u))).toBe(true);
  });

  it('subject: unit written out is the default', () => {
    expect(spec({ campaign: '{id: t, name: T, year: 2026, cadence: month, subject: unit}', indicators: S100 }).campaign.subject).toBeUndefined();
  });

  it('subject: person with units linked to person records; a unit need not be linked', () => {
    const s = spec({ campaign: PERSON, units: CADRES, indicators: S100 });
    expect(s.campaign.subject).toBe('person');
    expect(s.units.map((u) => [u.id, u.person])).toEqual([['zhang', 12], ['li', 7], ['wang', undefined]]);
  });

  it('subject changes no score: the same data gives the same totals and ranks for units and for persons', () => {
    const data = 'zhang,s,2026-Q1,88\nli,s,2026-Q1,91.5\nwang,s,2026-Q1,88';
    const asPersons = run({ campaign: PERSON, units: CADRES, indicators: S100 }, data);
    const asUnits = run({ campaign: '{id: t, name: 好班长, year: 2026, cadence: quarter}', units: '[{id: zhang, name: 张三, group: g1}, {id: li, name: 李四, group: g1}, {id: wang, name: 王五, group: g1}]', indicators: S100 }, data);
    expect(totals(asPersons)).toEqual({ zhang: 88, li: 91.5, wang: 88 });
    expect(ranksAll(asPersons)).toEqual({ li: 1, zhang: 2, wang: 2 });
    expect(asPersons).toEqual(asUnits);
    expect(Object.keys(unit(asPersons, 'zhang'))).not.toContain('person');
  });
});

describe('subject: invalid specs name the path and the problem', () => {
  const cases: { rule: string; campaign?: string; units: string; path: string; code: string; says: string }[] = [
    { rule: 'subject is unit or person', campaign: '{id: t, name: T, year: 2026, cadence: month, subject: persons}', units: '[{id: a, name: 甲, group: g1}]', path: 'campaign.subject', code: 'spec.enum', says: 'unit, person' },
    { rule: 'a unit may name a person only in a person campaign', units: '[{id: a, name: 甲, group: g1, person: 3}]', path: 'units[0].person', code: 'spec.person_needs_subject', says: 'subject is person' },
    { rule: 'a person is named by a whole number from 1', campaign: PERSON, units: '[{id: a, name: 甲, group: g1, person: 0}]', path: 'units[0].person', code: 'spec.range', says: 'whole number from 1' },
    { rule: 'a person id is a number, not a text', campaign: PERSON, units: '[{id: a, name: 甲, group: g1, person: zhang}]', path: 'units[0].person', code: 'spec.type', says: 'must be a number' },
    { rule: 'a person id is whole', campaign: PERSON, units: '[{id: a, name: 甲, group: g1, person: 2.5}]', path: 'units[0].person', code: 'spec.range', says: 'whole number' },
    { rule: 'a person competes once in a campaign', campaign: PERSON, units: '[{id: a, name: 甲, group: g1, person: 4}, {id: b, name: 乙, group: g1, person: 4}]', path: 'units[1].person', code: 'spec.duplicate_person', says: 'already stands as unit "a"' },
    { rule: 'unknown keys are still errors on a unit', campaign: PERSON, units: '[{id: a, name: 甲, group: g1, persn: 4}]', path: 'units[0].persn', code: 'spec.unknown_key', says: 'person' },
  ];
  it.each(cases)('$rule ($path)', ({ campaign, units, path, code, says }) => {
    const i = issueAt(specIssues({ campaign, units, indicators: S100 }), path);
    expect(i.code).toBe(code);
    expect(i.message).toContain(says);
  });

  it('a person campaign with a bad unit reports every problem at once', () => {
    const issues = specIssues({ campaign: PERSON, units: '[{id: a, name: 甲, group: g1, person: -1}, {id: b, name: 乙, group: g9, person: 5}]', indicators: S100 });
    expect(issues.map((i) => i.path).sort()).toEqual(['units[0].person', 'units[1].group']);
  });
});
