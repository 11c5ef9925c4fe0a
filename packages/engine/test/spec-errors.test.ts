// Invalid specs (contract section 1 and the validity rules of sections 3, 6, 7, 8): every error names
// its path and the offending key, id or value; all errors come together.
import { describe, expect, it } from 'vitest';
import { parseSpec, type Issue } from '../src/index.ts';
import { spec, specIssues } from './support/campaign.ts';

const UNITS = '  - {id: a, name: A, group: g1}\n  - {id: b, name: B, group: g1}\n  - {id: c, name: C, group: g2}\n';
const IND =
  '  - {id: x, name: X, input: value, weight: 10, method: completion, target: 5}\n' +
  '  - {id: s, name: S, input: score, weight: 10}\n' +
  '  - {id: h, name: H, input: event, effect: bonus, points: 1}\n';
const CAMP = '{id: t, name: T, year: 2026, cadence: month}';

/** line 1 version, 2 campaign, 3 groups, 4 units:, 5… units, then indicators: and its items, then extra */
function doc(o: { camp?: string; units?: string; ind?: string; extra?: string } = {}): string {
  return `version: 1\ncampaign: ${o.camp ?? CAMP}\ngroups: [{id: g1, name: G1}, {id: g2, name: G2}]\nunits:\n${o.units ?? UNITS}indicators:\n${o.ind ?? IND}${o.extra ?? ''}`;
}

/** the single issue at `path` (there must be exactly one) */
function at(issues: Issue[], path: string): Issue {
  const found = issues.filter((i) => i.path === path);
  expect(found.map((i) => i.message), `issues at ${path}; all: ${issues.map((i) => i.message).join(' | ')}`).toHaveLength(1);
  const i = found[0];
  expect(i.kind).toBe('spec');
  expect(i.message).toContain(path);
  expect(i.messageZh.length).toBeGreaterThan(0);
  return i;
}

describe('1 a valid base document', () => {
  it('the base spec used below is valid', () => {
    expect(spec(doc()).units.map((u) => u.id)).toEqual(['a', 'b', 'c']);
  });

  it('1 ids are unique within their kind only: a unit may share its id with a group', () => {
    expect(spec(doc({ units: '  - {id: g1, name: A, group: g1}\n' })).units[0].id).toBe('g1');
  });
});

describe('1 invalid specs', () => {
  it('1 unknown key: a typo like wieght is an error at indicators[0].wieght', () => {
    const issues = specIssues(doc({ ind: IND.replace('weight: 10, method', 'wieght: 10, method') }));
    const i = at(issues, 'indicators[0].wieght');
    expect(i.message).toContain('wieght');
    expect(i.line).toBe(9);
    // …and the weight it was meant to be is missing
    at(issues, 'indicators[0].weight');
  });

  it('1 unknown key at the top level and in campaign', () => {
    const issues = specIssues(doc({ camp: '{id: t, name: T, year: 2026, cadence: month, rankng: dense}', extra: 'flgs: []\n' }));
    expect(at(issues, 'campaign.rankng').message).toContain('rankng');
    expect(at(issues, 'flgs').message).toContain('flgs');
  });

  it('1 missing required key', () => {
    // (that each is reported exactly once is checked separately below)
    const i = specIssues(doc({ camp: '{id: t, name: T, cadence: month}' })).find((x) => x.path === 'campaign.year');
    expect(i?.message).toContain('campaign.year');
    expect(i?.message).toContain('required');
    const u = specIssues(doc({ units: '  - {id: a, name: A}\n' })).find((x) => x.path === 'units[0].group');
    expect(u?.message).toContain('required');
    const top = specIssues(doc().replace(/^groups:.*\n/m, '')).find((x) => x.path === 'groups');
    expect(top?.message).toContain('groups');
  });

  it('3 indicators[2].target: required for method schedule', () => {
    const ind = '  - {id: x, name: X, input: value, weight: 10, method: completion, target: 5}\n  - {id: s, name: S, input: score, weight: 10}\n  - {id: y, name: Y, input: value, weight: 10, method: schedule}\n';
    const i = at(specIssues(doc({ ind })), 'indicators[2].target');
    expect(i.message).toBe('indicators[2].target: required for method schedule');
    expect(i.line).toBe(11);
  });

  it('3 a value indicator needs a method; method must be one of the five', () => {
    expect(at(specIssues(doc({ ind: IND.replace(', method: completion, target: 5', '') })), 'indicators[0].method').message).toContain('required');
    const bad = at(specIssues(doc({ ind: IND.replace('method: completion', 'method: average') })), 'indicators[0].method');
    expect(bad.message).toContain('average');
  });

  it.each([
    ['unit group', { units: '  - {id: a, name: A, group: g9}\n' }, 'units[0].group', 'g9'],
    ['pair unit', { extra: 'pairs: [{id: p1, units: [a, zz]}]\n' }, 'pairs[0].units[1]', 'zz'],
    ['flag indicator', { extra: 'flags: [{id: f, name: F, award: top, indicator: nope}]\n' }, 'flags[0].indicator', 'nope'],
    ['tie_break', { camp: '{id: t, name: T, year: 2026, cadence: month, tie_break: [s, nope]}' }, 'campaign.tie_break[1]', 'nope'],
    ['summary points', { extra: 'flags: [{id: f, name: F, award: top}]\nsummary: {method: flags, points: {f: 1, nope: 2}}\n' }, 'summary.points.nope', 'nope'],
    ['rule flag', { extra: 'rules: [{id: r, name: R, action: interview, when: {flag: nope}}]\n' }, 'rules[0].when.flag', 'nope'],
    ['behind_schedule list', { extra: 'rules: [{id: r, name: R, action: reminder, when: {behind_schedule: [nope]}}]\n' }, 'rules[0].when.behind_schedule[0]', 'nope'],
    ['per-unit target', { ind: IND.replace('target: 5', 'target: {default: 5, zz: 3}') }, 'indicators[0].target.zz', 'zz'],
  ])('1 unknown id reference: %s', (_name, parts, path, id) => {
    const i = at(specIssues(doc(parts)), path);
    expect(i.message).toContain(`"${id}"`);
    expect(i.text).toBe(id);
  });

  it.each([
    ['unit', { units: '  - {id: a, name: A, group: g1}\n  - {id: a, name: B, group: g1}\n' }, 'units[1].id', 'a'],
    ['indicator', { ind: IND + '  - {id: s, name: S2, input: score, weight: 5}\n' }, 'indicators[3].id', 's'],
    ['flag', { extra: 'flags: [{id: f, name: F, award: top}, {id: f, name: G, award: bottom}]\n' }, 'flags[1].id', 'f'],
    ['pair', { extra: 'pairs: [{id: p, units: [a, b]}, {id: p, units: [a, b]}]\n' }, 'pairs[1].id', 'p'],
    ['pair id clashing with a short-form pair-N', { extra: 'pairs: [[a, b], {id: pair-1, units: [a, b]}]\n' }, 'pairs[1].id', 'pair-1'],
    ['rule', { extra: 'rules: [{id: r, name: R, action: x, when: {missing: true}}, {id: r, name: R, action: x, when: {vetoed: true}}]\n' }, 'rules[1].id', 'r'],
  ])('1 duplicate ids: %s', (_name, parts, path, id) => {
    const i = at(specIssues(doc(parts)), path);
    expect(i.message).toContain(`"${id}"`);
  });

  it('1 duplicate group id', () => {
    const text = 'version: 1\ncampaign: {id: t, name: T, year: 2026, cadence: month}\ngroups: [{id: g1, name: G1}, {id: g1, name: G2}]\nunits: [{id: a, name: A, group: g1}]\nindicators: [{id: s, name: S, input: score, weight: 1}]\n';
    expect(at(specIssues(text), 'groups[1].id').message).toContain('"g1"');
  });

  it('1 pair across groups', () => {
    const issues = specIssues(doc({ extra: 'pairs: [[a, b], [a, c]]\n' }));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toMatch(/^pairs\[1\]/);
    expect(issues[0].message).toContain('g1');
    expect(issues[0].message).toContain('g2');
  });

  it('1 pair of one unit', () => {
    const issues = specIssues(doc({ extra: 'pairs: [{id: p1, units: [a]}]\n' }));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toMatch(/^pairs\[0\]/);
    expect(issues[0].message).toMatch(/2/);
  });

  it.each(['Bad', 'bad id', '-lead', '', 'x'.repeat(65), '中文']) ('1 bad slug: campaign id %j', (id) => {
    const i = at(specIssues(doc({ camp: `{id: ${JSON.stringify(id)}, name: T, year: 2026, cadence: month}` })), 'campaign.id');
    if (id !== '') expect(i.message).toContain(id);
  });

  it.each(['a', '0', 'gy-2026', 'a_b-c', 'x'.repeat(64)])('1 good slug: campaign id %j', (id) => {
    expect(spec(doc({ camp: `{id: ${JSON.stringify(id)}, name: T, year: 2026, cadence: month}` })).campaign.id).toBe(id);
  });

  it.each([['5'], ['-1'], ['1.5']])('1 precision out of range: %s', (p) => {
    const i = at(specIssues(doc({ camp: `{id: t, name: T, year: 2026, cadence: month, precision: ${p}}` })), 'campaign.precision');
    expect(i.message).toContain(p);
  });

  it.each([['0'], ['4']])('1 precision %s is allowed', (p) => {
    expect(spec(doc({ camp: `{id: t, name: T, year: 2026, cadence: month, precision: ${p}}` })).campaign.precision).toBe(Number(p));
  });

  it('1 enums: cadence, ranking, award, scope, input, effect, direction', () => {
    expect(at(specIssues(doc({ camp: '{id: t, name: T, year: 2026, cadence: week}' })), 'campaign.cadence').message).toContain('week');
    expect(at(specIssues(doc({ camp: '{id: t, name: T, year: 2026, cadence: month, ranking: olympic}' })), 'campaign.ranking').message).toContain('olympic');
    expect(at(specIssues(doc({ extra: 'flags: [{id: f, name: F, award: middle}]\n' })), 'flags[0].award').message).toContain('middle');
    expect(at(specIssues(doc({ extra: 'flags: [{id: f, name: F, award: top, scope: county}]\n' })), 'flags[0].scope').message).toContain('county');
    expect(at(specIssues(doc({ ind: IND.replace('input: score', 'input: rubric') })), 'indicators[1].input').message).toContain('rubric');
    expect(at(specIssues(doc({ ind: IND.replace('effect: bonus', 'effect: reward') })), 'indicators[2].effect').message).toContain('reward');
    expect(at(specIssues(doc({ ind: IND.replace('method: completion', 'method: completion, direction: up') })), 'indicators[0].direction').message).toContain('up');
  });

  it('1 version must be 1', () => {
    at(specIssues(doc().replace('version: 1', 'version: 2')), 'version');
  });

  it('3 weight must be > 0', () => {
    expect(at(specIssues(doc({ ind: IND.replace('weight: 10, method', 'weight: 0, method') })), 'indicators[0].weight').message).toContain('0');
    at(specIssues(doc({ ind: IND.replace('input: score, weight: 10', 'input: score, weight: -1') })), 'indicators[1].weight');
  });

  it('3 event with weight', () => {
    const i = at(specIssues(doc({ ind: IND.replace('points: 1}', 'points: 1, weight: 3}') })), 'indicators[2].weight');
    expect(i.message).toContain('weight');
  });

  it('3 event with method', () => {
    at(specIssues(doc({ ind: IND.replace('points: 1}', 'points: 1, method: best}') })), 'indicators[2].method');
  });

  it('3 best with direction lower', () => {
    const i = at(specIssues(doc({ ind: IND + '  - {id: y, name: Y, input: value, weight: 10, method: best, direction: lower}\n' })), 'indicators[3].direction');
    expect(i.message).toContain('best');
  });

  it('3 missing per-unit target', () => {
    const i = at(specIssues(doc({ ind: IND.replace('target: 5', 'target: {a: 5}') })), 'indicators[0].target');
    // units b and c have neither their own target nor a default
    expect(i.message).toContain('b');
    expect(i.message).toContain('c');
  });

  it('3 a target must be > 0', () => {
    expect(at(specIssues(doc({ ind: IND.replace('target: 5', 'target: 0') })), 'indicators[0].target').message).toContain('0');
    at(specIssues(doc({ ind: IND.replace('target: 5', 'target: {default: 5, b: -2}') })), 'indicators[0].target.b');
  });

  it('1 YAML syntax error with its line', () => {
    // line 5 is indented one column less than the keys above it
    const issues = specIssues('version: 1\ncampaign:\n  id: t\n  name: T\n year: 2026\n');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].line).toBe(5);
    expect(issues[0].message).toContain('5');
    // a duplicated key is an error too, at its line
    const dup = specIssues('version: 1\ncampaign:\n  id: t\n  id: u\n');
    expect(dup[0].line).toBe(4);
  });

  it('1 JSON input works too (and a JSON syntax error is reported)', () => {
    const ok = parseSpec(JSON.stringify({ version: 1, campaign: { id: 't', name: 'T', year: 2026, cadence: 'quarter' }, groups: [{ id: 'g', name: 'G' }], units: [{ id: 'u', name: 'U', group: 'g' }], indicators: [{ id: 's', name: 'S', input: 'score', weight: 5 }] }, null, 2));
    expect(ok.ok).toBe(true);
    const bad = parseSpec('{"version": 1, "campaign": {"id": "t",, }}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0].line).toBe(1);
  });

  it('1 all errors are reported together', () => {
    const text = doc({
      camp: '{id: Bad, name: T, year: 2026, cadence: month, precision: 9}',
      units: '  - {id: a, name: A, group: g9}\n  - {id: b, name: B, group: g1}\n',
      extra: 'flags: [{id: f, name: F, award: top, indicator: nope}]\n',
    });
    const paths = specIssues(text).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['campaign.id', 'campaign.precision', 'units[0].group', 'flags[0].indicator']));
  });

  it('1 a missing required key is reported once', () => {
    // not a numbered rule, but "every error" should not print the same error twice
    const issues = specIssues(doc({ camp: '{id: t, name: T, cadence: month}' }));
    expect(issues.filter((i) => i.path === 'campaign.year').map((i) => i.message)).toEqual(['campaign.year: required']);
    const units = specIssues(doc({ units: '  - {id: a, name: A}\n' }));
    expect(units.filter((i) => i.path === 'units[0].group')).toHaveLength(1);
  });
});
