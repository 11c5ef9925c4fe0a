// Ballots (issue 17 item 3) and selection under a quota (items 4–5): worked numbers by hand.
import { describe, expect, it } from 'vitest';
import { aggregateBallots, BallotError, checkBallotDef, checkCastBallot, selectQuota, type BallotDef, type CastBallot, type SubjectTally } from '../src/index.ts';

const subject = (r: { subjects: SubjectTally[] }, id: string) => r.subjects.find((s) => s.subject === id) as SubjectTally;
const group = (s: SubjectTally, g: string) => s.groups.find((x) => x.group === g);

describe('ballot.marks: trimmed means of weighted rater groups', () => {
  const def: BallotDef = {
    kind: 'marks', subjects: ['a', 'b', 'e', 'f'], weight: '10', precision: 2, trim: 1,
    groups: [{ id: 'dy', name: '党员', weight: '0.7' }, { id: 'qz', name: '群众代表', weight: '0.3' }, { id: 'pw', name: '评委', weight: '1' }],
  };
  const m = (group: string, marks: Record<string, string>): CastBallot => ({ group, marks });
  const ballots = [
    m('dy', { a: '9', b: '5', e: '10' }), m('dy', { a: '8', b: '5', e: '9' }), m('dy', { a: '7', b: '5', e: '8' }),
    m('dy', { a: '10', b: '5', e: '8' }), m('dy', { a: '2', b: '9', e: '5' }),
    m('qz', { a: '6', b: '10', e: '7', f: '6' }), m('qz', { a: '9', b: '9', e: '8', f: '7' }),
  ];
  const r = aggregateBallots(def, ballots);

  it('turnout counts ballots per group; 评委 cast none', () => {
    expect(r.turnout).toEqual({ dy: 5, qz: 2, pw: 0 });
  });

  it('drops the highest and lowest of a group with more than 2t marks, not of one with 2t', () => {
    // a: 党员 9 8 7 10 2 → drop 10 and 2 → (7 + 8 + 9) / 3 = 8; 群众 6 9 (2 = 2t marks: kept) → 7.5
    const a = subject(r, 'a');
    expect(group(a, 'dy')).toMatchObject({ cast: 5, marked: 5, dropped: { high: ['10'], low: ['2'] }, mean: '8', counted: true });
    expect(group(a, 'qz')).toMatchObject({ cast: 2, marked: 2, dropped: { high: [], low: [] }, mean: '7.5', counted: true });
    // (0.7 × 8 + 0.3 × 7.5) ÷ (0.7 + 0.3) = 5.6 + 2.25 = 7.85; 评委 cast nothing and is not in the divisor
    expect(a.figure).toBe('7.85');
    expect(group(a, 'pw')).toMatchObject({ cast: 0, counted: false, mean: null });
    expect(a.explain.formula).toBe('(0.7 × 8 + 0.3 × 7.5) ÷ (0.7 + 0.3) = 7.85 → 7.85');
    expect(a.explain.zh).toContain('评委未投票，不计入');
  });

  it('equal marks at the edge: one of them is dropped, the rest kept', () => {
    // b: 党员 5 5 5 5 9 → drop 9 and one 5 → 5; 群众 10 9 → 9.5; 0.7 × 5 + 0.3 × 9.5 = 3.5 + 2.85 = 6.35
    const b = subject(r, 'b');
    expect(group(b, 'dy')).toMatchObject({ dropped: { high: ['9'], low: ['5'] }, mean: '5' });
    expect(b.figure).toBe('6.35');
  });

  it('exact mean, rounded only at the end', () => {
    // e: 党员 10 9 8 8 5 → drop 10 and 5 → (8 + 8 + 9) / 3 = 25/3; 群众 7 8 → 7.5
    // 0.7 × 25/3 + 0.3 × 7.5 = 35/6 + 2.25 = 8.08333… → 8.08
    const e = subject(r, 'e');
    expect(group(e, 'dy')?.mean).toBe('8.3333');
    expect(e.figure).toBe('8.08');
  });

  it('a group that gave a subject no mark is left out of its divisor', () => {
    // f: only 群众 marked it: 6 7 → 6.5; 0.3 × 6.5 ÷ 0.3 = 6.5
    const f = subject(r, 'f');
    expect(group(f, 'dy')).toMatchObject({ cast: 5, marked: 0, counted: false });
    expect(f.figure).toBe('6.50');
  });

  it('rounds half away from zero at the precision', () => {
    // (0.75 × 8.5 + 0.25 × 7.5) = 6.375 + 1.875 = 8.25 → 8.3 at precision 1
    const d2: BallotDef = { kind: 'marks', subjects: ['x'], weight: '10', precision: 1, groups: [{ id: 'g', name: 'G', weight: '0.75' }, { id: 'h', name: 'H', weight: '0.25' }] };
    expect(aggregateBallots(d2, [{ group: 'g', marks: { x: '8.5' } }, { group: 'h', marks: { x: '7.5' } }]).subjects[0].figure).toBe('8.3');
  });

  it('no ballots at all: no figure, said so', () => {
    const x = aggregateBallots(def, []).subjects[0];
    expect(x.figure).toBeNull();
    expect(x.explain.code).toBe('ballot.marks.none');
  });

  it('refuses a mark above the weight and a ballot of an unknown group, naming them', () => {
    expect(checkCastBallot(def, { group: 'dy', marks: { a: '10.5' } }).map((i) => i.code)).toEqual(['cast.mark']);
    expect(checkCastBallot(def, { group: 'zz', marks: {} }).map((i) => i.code)).toEqual(['cast.group']);
    expect(checkCastBallot(def, { group: 'dy', marks: { nobody: '1' } })[0].zh).toContain('nobody');
    expect(() => aggregateBallots(def, [{ group: 'dy', marks: { a: '-1' } }])).toThrow(BallotError);
  });
});

describe('ballot.approval: shares of the ballots cast in each group', () => {
  const def: BallotDef = {
    kind: 'approval', subjects: ['x', 'y', 'z'], weight: '20', precision: 2, choose: 2,
    groups: [{ id: 'dy', name: '党员', weight: '0.6' }, { id: 'qz', name: '群众代表', weight: '0.4' }],
  };
  const a = (group: string, approvals: string[]): CastBallot => ({ group, approvals });
  const r = aggregateBallots(def, [a('dy', ['x', 'y']), a('dy', ['x']), a('dy', ['x', 'z']), a('dy', ['y']), a('qz', ['y', 'z']), a('qz', ['x', 'y']), a('qz', [])]);

  it('share = approvals / ballots cast (a blank ballot counts as cast)', () => {
    // x: 党员 3/4, 群众 1/3
    const x = subject(r, 'x');
    expect(group(x, 'dy')).toMatchObject({ approvals: 3, cast: 4, share: '0.75' });
    expect(group(x, 'qz')).toMatchObject({ approvals: 1, cast: 3, share: '0.3333' });
  });

  it('figure = Σ w × weight × share ÷ Σ w; the weighted share beside it', () => {
    // x: 0.6 × 20 × 0.75 + 0.4 × 20 × 1/3 = 9 + 8/3 = 11.666… → 11.67; share 0.45 + 0.1333 = 0.5833
    expect(subject(r, 'x')).toMatchObject({ figure: '11.67', share: '0.5833' });
    // y: 0.6 × 20 × 1/2 + 0.4 × 20 × 2/3 = 6 + 16/3 = 11.333… → 11.33; share 0.3 + 0.2667 = 0.5667
    expect(subject(r, 'y')).toMatchObject({ figure: '11.33', share: '0.5667' });
    // z: 0.6 × 20 × 1/4 + 0.4 × 20 × 1/3 = 3 + 8/3 = 5.666… → 5.67
    expect(subject(r, 'z')).toMatchObject({ figure: '5.67', share: '0.2833' });
  });

  it('refuses more approvals than may be chosen', () => {
    expect(checkCastBallot(def, a('dy', ['x', 'y', 'z']))[0]).toMatchObject({ code: 'cast.choose', zh: '最多可选 2 个，选了 3 个' });
  });
});

describe('ballot.levels: 民主测评 level shares and outcome rules', () => {
  const def: BallotDef = {
    kind: 'levels', subjects: ['p', 'q', 'r', 's'], weight: '100', precision: 2,
    groups: [{ id: 'all', name: '参评人员', weight: '1' }],
    levels: [{ id: 'yx', name: '优秀', points: '100' }, { id: 'cz', name: '称职', points: '80' }, { id: 'jb', name: '基本称职', points: '60' }, { id: 'bcz', name: '不称职', points: '0' }],
    outcomes: [{ level: 'yx', op: '>=', share: '0.6', outcome: '优秀' }, { level: 'bcz', op: '>', share: '1/3', outcome: '不称职' }],
  };
  // six ballots: p 优秀×4 称职×2; q 不称职×2 称职×4; r 不称职×3 基本称职×3; s 优秀×3 称职×3
  const rows: Record<string, string[]> = {
    p: ['yx', 'yx', 'yx', 'yx', 'cz', 'cz'], q: ['bcz', 'bcz', 'cz', 'cz', 'cz', 'cz'],
    r: ['bcz', 'bcz', 'bcz', 'jb', 'jb', 'jb'], s: ['yx', 'yx', 'yx', 'cz', 'cz', 'cz'],
  };
  const ballots: CastBallot[] = [0, 1, 2, 3, 4, 5].map((i) => ({ group: 'all', levels: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v[i]])) }));
  const r = aggregateBallots(def, ballots);

  it('优秀 4/6 ≥ 0.6 → 优秀; marks are the levels\' points', () => {
    const p = subject(r, 'p');
    expect(p.levelShares).toEqual({ yx: '0.6667', cz: '0.3333', jb: '0', bcz: '0' });
    expect(group(p, 'all')?.levelCounts).toEqual({ yx: 4, cz: 2, jb: 0, bcz: 0 });
    // (4 × 100 + 2 × 80) / 6 = 93.333… → 93.33
    expect(p).toMatchObject({ outcome: '优秀', figure: '93.33' });
    expect(p.explain.zh).toContain('→ 优秀');
  });

  it('不称职 exactly 1/3 is not more than 1/3: no outcome (exact, not 0.3333)', () => {
    expect(subject(r, 'q')).toMatchObject({ outcome: null, figure: '53.33' });
  });

  it('不称职 3/6 > 1/3 → 不称职', () => {
    expect(subject(r, 'r')).toMatchObject({ outcome: '不称职', figure: '30.00', levelShares: { bcz: '0.5', jb: '0.5' } });
  });

  it('优秀 3/6 < 0.6 and nothing else holds: no outcome', () => {
    expect(subject(r, 's')).toMatchObject({ outcome: null, figure: '90.00' });
  });

  it('checks the definition: points above the weight, an unknown level in a rule, a share above 1', () => {
    const bad = checkBallotDef({ ...def, levels: [{ id: 'a', name: 'A', points: '120' }, { id: 'b', name: 'B', points: '0' }], outcomes: [{ level: 'zz', op: '>=', share: '3/2', outcome: 'x' }] });
    expect(bad.map((i) => i.code)).toEqual(['ballot.level_points', 'ballot.outcome', 'ballot.outcome']);
  });
});

describe('selectQuota: top N reaching a threshold, ties at the quota reported', () => {
  const c = [
    { id: 'a', score: '0.8' }, { id: 'b', score: '0.7' }, { id: 'c', score: '0.70' }, { id: 'd', score: '0.7' },
    { id: 'e', score: '0.5' }, { id: 'f', score: '0.3' },
  ];

  it('a tie at the quota: never more than N selected, the tied and the places left reported', () => {
    // quota 3: a; then b, c, d tie for 2 places → selected [a], tie {b, c, d: 2 places}; e outside; f below 0.5
    expect(selectQuota(c, { quota: 3, threshold: '0.5' })).toEqual({
      selected: ['a'], tie: { candidates: ['b', 'c', 'd'], places: 2 }, outside: ['e'], belowThreshold: ['f'],
      ranks: { a: 1, b: 2, c: 2, d: 2, e: 5 },
    });
  });

  it('a tie that fits is taken whole; one after the quota is outside', () => {
    expect(selectQuota(c, { quota: 4 })).toMatchObject({ selected: ['a', 'b', 'c', 'd'], tie: null, outside: ['e', 'f'] });
    expect(selectQuota(c, { quota: 1 })).toMatchObject({ selected: ['a'], tie: null, outside: ['b', 'c', 'd', 'e', 'f'] });
  });

  it('the threshold is compared exactly (a share of 1/2 reaches 0.5)', () => {
    const r = aggregateBallots({ kind: 'approval', subjects: ['m', 'n'], weight: '1', precision: 2, groups: [{ id: 'g', name: 'G', weight: '1' }] },
      [{ group: 'g', approvals: ['m'] }, { group: 'g', approvals: ['m', 'n'] }, { group: 'g', approvals: [] }, { group: 'g', approvals: ['n'] }]);
    const sel = selectQuota(r.subjects.map((s) => ({ id: s.subject, score: s.shareExact as NonNullable<typeof s.shareExact> })), { quota: 1, threshold: '0.5' });
    // m 2/4 and n 2/4 both reach 0.5 and tie for the one place
    expect(sel).toMatchObject({ selected: [], tie: { candidates: ['m', 'n'], places: 1 } });
  });
});
