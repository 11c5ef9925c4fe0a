// Inbox texts. A generated message is stored as its kind + params (ids) and rendered at read time in
// the reader's language, naming indicators by the campaign's current spec; the Chinese rendering
// is stored in `message` too (audit log, and a fallback). An organizer's own message is shown as written.
import type { Spec } from '@leitai/engine';
import type { InboxKind, InboxParams } from '../db/schema.ts';
import type { Lang } from '../http/language.ts';

/** A deadline as the county reads it: Beijing time, 2026-07-10 18:00. */
function stamp(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function renderInbox(spec: Spec | undefined, kind: InboxKind, period: string, params: InboxParams, lang: Lang): string {
  const name = (id: string) => spec?.indicators.find((d) => d.id === id)?.name ?? id;
  if (kind === 'case' && 'case' in params) return renderCaseInbox(params, lang);
  if ('ledger' in params) {
    const what = params.what.length > 40 ? `${params.what.slice(0, 40)}…` : params.what;
    return lang === 'en'
      ? `The ledger entry of ${params.date} ("${what}") was returned: ${params.reason}`
      : `${params.date} 的实绩台账记录（“${what}”）被退回：${params.reason}`;
  }
  if (kind === 'returned' && 'indicator' in params) {
    return lang === 'en'
      ? `${period} "${name(params.indicator)}" (${params.value}) was returned: ${params.reason}`
      : `${period}“${name(params.indicator)}”数据（${params.value}）被退回：${params.reason}`;
  }
  if ('opened' in params) {
    const until = params.deadline ? stamp(params.deadline) : null;
    return lang === 'en'
      ? `${period} is open for reporting${until ? `; the deadline is ${until}` : ''}`
      : `${period} 已开启填报${until ? `，截止时间 ${until}` : ''}，请按时报送`;
  }
  const ids = 'indicators' in params ? params.indicators : [];
  if (lang === 'en') {
    return ids.length > 0
      ? `Please report the figures for ${period}: ${ids.map((d) => `"${name(d)}"`).join(', ')}`
      : `Please report the figures for ${period}`;
  }
  return ids.length > 0 ? `请尽快报送 ${period} 的数据：${ids.map(name).join('、')}` : `请尽快报送 ${period} 的数据`;
}

const CASE_EVENTS = {
  issued: { zh: (p: CaseParams) => `收到${p.kindName}（${p.number}），请签收并于 ${p.due} 前报送整改报告`, en: (p: CaseParams) => `${p.kindName} ${p.number} issued to you: sign for it and report on the rectification by ${p.due}` },
  nearing: { zh: (p: CaseParams) => `${p.kindName}（${p.number}）将于 ${p.due} 到期，请抓紧报送整改报告`, en: (p: CaseParams) => `${p.kindName} ${p.number} is due on ${p.due}: report on the rectification soon` },
  returned: { zh: (p: CaseParams) => `${p.kindName}（${p.number}）的整改报告被退回：${p.reason ?? ''}`, en: (p: CaseParams) => `The rectification report on ${p.kindName} ${p.number} was returned: ${p.reason ?? ''}` },
  extension_granted: { zh: (p: CaseParams) => `${p.kindName}（${p.number}）延期申请已同意，新的办理期限 ${p.due}`, en: (p: CaseParams) => `Extension of ${p.kindName} ${p.number} granted: now due on ${p.due}` },
  extension_refused: { zh: (p: CaseParams) => `${p.kindName}（${p.number}）延期申请未同意：${p.reason ?? ''}`, en: (p: CaseParams) => `Extension of ${p.kindName} ${p.number} refused: ${p.reason ?? ''}` },
};
type CaseParams = Extract<InboxParams, { case: number }>;

function renderCaseInbox(p: CaseParams, lang: Lang): string {
  return CASE_EVENTS[p.event][lang === 'en' ? 'en' : 'zh'](p);
}
