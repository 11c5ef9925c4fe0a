// The designer's pure parts: the YAML it writes is a spec the engine reads as the hand-written one,
// sheets are checked row by row, readable diffs, next year's targets.
import { describe, expect, test } from 'vitest';
import { parseSpec } from '@leitai/engine';
import { checkDraft, emptyDraft, fromYaml, issuesAt, specMeaning, toYaml } from '../src/designer/doc.ts';
import { campaignIdOf, newId, slugOf } from '../src/designer/ids.ts';
import { MODELS } from '../src/designer/models.ts';
import { importTargets, importUnits, rowsFromPaste } from '../src/designer/sheet.ts';
import { diffSpecs } from '../src/designer/diff.ts';
import { nextYear, roundDec } from '../src/designer/next-year.ts';
import { Dec } from '@leitai/engine';

const model = (text: string) => {
  const r = parseSpec(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return specMeaning(text);
};

describe('models', () => {
  for (const m of MODELS) {
    test(`${m.name} is a valid spec, and reads back the same through the designer`, () => {
      const text = m.yaml(2027);
      const draft = fromYaml(text);
      expect(draft).not.toBeNull();
      expect(checkDraft(draft!).issues).toEqual([]);
      expect(model(toYaml(draft!))).toEqual(model(text));
    });
  }
});

describe('ids from names', () => {
  test('pinyin of Chinese names, a sequence when nothing is left, never twice the same', () => {
    expect(slugOf('青溪镇')).toBe('qingxizhen');
    expect(slugOf('工业园区 A区')).toBe('gongyeyuanqu-aqu');
    const taken = new Set<string>();
    expect(newId('青溪镇', taken, 'unit')).toBe('qingxizhen');
    expect(newId('青溪镇', taken, 'unit')).toBe('qingxizhen-2');
    expect(newId('！！', taken, 'unit')).toMatch(/^unit-\d+$/);
    expect(campaignIdOf('2026年比学赶超结对竞赛', 2026)).toBe('bxgcjdjs-2026');
  });
});

describe('validation on the field', () => {
  test('the engine refuses what the contract refuses, at the path of the field', () => {
    const d = emptyDraft(2026);
    d.campaign = { id: 'x-2026', name: '测试', year: 2026, cadence: 'month' };
    d.groups = [{ id: 'a', name: 'A组' }];
    d.units = [{ id: 'u1', name: '甲', group: 'a' }];
    d.indicators = [{ id: 'i', name: '指标', input: 'value', method: 'completion', weight: -5 }];
    const { issues } = checkDraft(d);
    expect(issuesAt(issues, 'indicators[0].weight').length).toBeGreaterThan(0);
    expect(issuesAt(issues, 'indicators[0]').some((i) => i.path === 'indicators[0].target')).toBe(true);
  });
});

describe('units from a sheet', () => {
  const groups = [{ id: 'town', name: '乡镇组' }, { id: 'park', name: '园区组' }];
  test('a good sheet gives units, ids from names and pairs by label', () => {
    const r = importUnits(rowsFromPaste('单位名称\t赛组\t结对\n青溪镇\t乡镇组\t1\n白石镇\t乡镇组\t1\n高新区\t园区组\t'), groups);
    expect(r.ok).toBe(true);
    expect(r.units).toEqual([
      { id: 'qingxizhen', name: '青溪镇', group: 'town' }, { id: 'baishizhen', name: '白石镇', group: 'town' }, { id: 'gaoxinqu', name: '高新区', group: 'park' },
    ]);
    expect(r.pairs).toEqual([{ id: 'pair-1', units: ['qingxizhen', 'baishizhen'] }]);
  });
  test('unknown group, duplicate name and a lonely pair are errors on their rows', () => {
    const r = importUnits(rowsFromPaste('单位名称\t赛组\t结对\n青溪镇\t乡镇组\t\n青溪镇\t乡镇组\t\n河口镇\t山区组\t\n白石镇\t乡镇组\t9'), groups);
    expect(r.ok).toBe(false);
    expect(r.rows.map((x) => x.problems.map((p) => p.code))).toEqual([[], ['duplicateName'], ['unknownGroup'], ['pairAlone']]);
  });
  test('targets pasted: a number per unit; unknown units and non-numbers on their rows', () => {
    const units = [{ id: 'a', name: '甲镇', group: 'town' }, { id: 'b', name: '乙镇', group: 'town' }];
    const ok = importTargets(rowsFromPaste('单位名称\t目标\t基本目标\n甲镇\t12.5\t10\n乙镇\t8\t6'), units, new Set(['a', 'b']));
    expect(ok.ok).toBe(true);
    expect(ok.targets).toEqual({ a: 12.5, b: 8 });
    expect(ok.bases).toEqual({ a: 10, b: 6 });
    const bad = importTargets(rowsFromPaste('甲镇\t1,200\n丙镇\t3'), units, new Set(['a', 'b']));
    expect(bad.rows.map((x) => x.problems.map((p) => p.code))).toEqual([['notNumber'], ['unknownUnit']]);
  });
});

describe('readable diff', () => {
  test('weights, new indicators and flags by name', () => {
    const a = fromYaml(MODELS[0].yaml(2026))!;
    const b = structuredClone(a);
    b.indicators[0].weight = 35;
    b.indicators.push({ id: 'new', name: '新指标', input: 'score', weight: 5 });
    b.flags = b.flags.filter((f) => f.id !== 'yellow');
    const zh = diffSpecs(a, b).map((c) => c.zh);
    expect(zh).toContain('指标 固定资产投资：权重 40→35');
    expect(zh).toContain('新增指标 新指标');
    expect(zh).toContain('删除旗帜 黄旗');
  });
});

describe('next year', () => {
  test('targets raised by this year\'s target or actual figure × factor, exactly', () => {
    expect(roundDec(Dec.of('13.205'), 2).toString()).toBe('13.21');
    expect(roundDec(Dec.of('-1.005'), 2).toString()).toBe('-1.01');
    const doc = fromYaml(MODELS[0].yaml(2026))!;
    const { doc: next, preview } = nextYear(doc, {
      year: 2027,
      rules: { gdzc: { kind: 'target', factor: '1.1' }, czsr: { kind: 'actual', factor: '1.1' } },
      actuals: { czsr: { qingxi: '5200', baishi: '4800.5' } },
    });
    expect(next.campaign).toMatchObject({ id: 'bxgc-2027', name: '2027年度比学赶超结对竞赛', year: 2027 });
    expect(next.indicators[0].target).toEqual({ default: 13.2, gaoxin: 33, jingkai: 27.5 });
    expect(next.indicators[1].target).toEqual({ qingxi: 5720, baishi: 5280.55, hekou: 5500, shanyang: 5500, gaoxin: 5500, jingkai: 5500 });
    expect(preview.find((p) => p.indicator === 'czsr' && p.unit === 'hekou')).toMatchObject({ before: 5000, after: 5500, fallback: true });
    expect(next.units).toEqual(doc.units);
    expect(checkDraft(next).issues).toEqual([]);
  });
});

describe('a person campaign (campaign.subject: person, units[].person)', () => {
  test('the designer writes subject and person links where the spec has them, and the engine reads them back', () => {
    const draft = emptyDraft(2026);
    draft.campaign = { ...draft.campaign, id: 'banzhang-2026', name: '好班长', subject: 'person' };
    draft.groups = [{ id: 'town', name: '乡镇' }];
    draft.units = [{ id: 'zhangsan', name: '张三', group: 'town', person: 12 }, { id: 'lisi', name: '李四', group: 'town', person: 7 }];
    draft.indicators = [{ id: 'work', name: '实绩', input: 'score', weight: 100 }];
    const text = toYaml(draft);
    expect(text).toContain('subject: person');
    expect(text).toContain('{ id: zhangsan, name: 张三, group: town, person: 12 }');
    const r = parseSpec(text);
    expect(r.ok && r.value.units.map((u) => u.person)).toEqual([12, 7]);
    expect(checkDraft(fromYaml(text)!).issues).toEqual([]);
  });

  test('a person link in a unit campaign is shown at units[0].person', () => {
    const draft = emptyDraft(2026);
    draft.campaign = { ...draft.campaign, id: 'x-2026', name: 'X' };
    draft.groups = [{ id: 'g', name: 'G' }];
    draft.units = [{ id: 'a', name: '甲', group: 'g', person: 3 }];
    draft.indicators = [{ id: 'work', name: '实绩', input: 'score', weight: 100 }];
    expect(issuesAt(checkDraft(draft).issues, 'units[0].person').map((i) => i.code)).toEqual(['spec.person_needs_subject']);
  });
});
