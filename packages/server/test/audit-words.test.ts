// The audit log is read by organizers: every action an entry is written with is told in words, with
// what it acted on by name — never "selection.panel_open selection 12".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_WORDS, sentence } from '../src/services/audit-words.ts';
import type { AuditEntryDto } from '../src/schemas/audit.ts';

const SRC = join(import.meta.dirname, '..', 'src');
const sources = ['services', 'repositories'].flatMap((d) => readdirSync(join(SRC, d)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(SRC, d, f), 'utf8')));
const wordsFile = readFileSync(join(SRC, 'services', 'audit-words.ts'), 'utf8');
const told = new Set([...wordsFile.matchAll(/case '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]));

/** The actions audit entries are written with: literals, and the few built from a decision. */
function writtenActions(): string[] {
  const out = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) out.add(m[1]);
    // commitments.ts writes through audit(tx, ctx, actor, row, 'commitment.x', …)
    for (const m of text.matchAll(/audit\(tx, ctx, [a-z]+, [a-z]+, '([a-z_]+\.[a-z_]+)'/g)) out.add(m[1]);
  }
  for (const a of ['ledger_entry.approve', 'ledger_entry.return', 'meeting.planned', 'meeting.held', 'meeting.closed', 'selection.objection_uphold', 'selection.objection_dismiss',
    'correction.accept', 'correction.reject', 'appeal.accept', 'appeal.reject']) out.add(a);
  return [...out].sort();
}

const entry = (e: Partial<AuditEntryDto>): AuditEntryDto => ({
  seq: 1, at: '2026-06-01T00:00:00.000Z', actor: 'chief', actorId: 1, action: 'x', campaignId: 'c', subject: null, before: null, after: null, reason: null, prevHash: '', hash: '', ...e,
});
const names = {
  user: new Map([[1, '张三']]), campaign: new Map([['c', '青山县2026年度擂台赛']]),
  unit: new Map([['c\u0000qx', '青溪镇']]), indicator: new Map<string, string>(),
};

describe('audit entries in words', () => {
  it('every action an entry is written with has words', () => {
    const actions = writtenActions();
    expect(actions.length).toBeGreaterThan(60);
    const missing = actions.filter((a) => !told.has(a) && !a.startsWith('case.') && !ACTION_WORDS[a]);
    expect(missing).toEqual([]);
  });

  it('names what an entry acted on: its unit, its title or name, never an id', () => {
    expect(sentence(entry({ action: 'meeting.statement', subject: 'qx/meeting 3' }), names).zh).toBe('张三 记录了表态 青溪镇');
    expect(sentence(entry({ action: 'selection.create', subject: 'selection 12', after: { honour: '优秀党员', quota: 4 } }), names)).toEqual({ zh: '张三 发起了评选 “优秀党员”', en: '张三 started the selection “优秀党员”' });
    expect(sentence(entry({ action: 'commitment.submit', subject: 'commitment/7 三个月内完成招商签约', after: { status: 'submitted' } }), names).zh).toBe('张三 提交了承诺 “三个月内完成招商签约”');
    expect(sentence(entry({ action: 'ledger_entry.return', subject: 'qx/ledger 5', reason: '佐证不足' }), names).zh).toBe('张三 退回了实绩记录 青溪镇，原因：佐证不足');
    const panel = sentence(entry({ action: 'selection.panel_open', subject: 'selection 12', after: { period: '2026-06' } }), names);
    expect(panel.zh).toBe('张三 启动了述比排序评议');
    expect(panel.zh).not.toMatch(/selection|\d+$/);
  });
});
