// Inbox texts. A generated message is stored as its kind + params (ids) and rendered at read time in
// the reader's language, naming indicators by the campaign's current spec; the Chinese rendering
// is stored in `message` too (audit log, and a fallback). An organizer's own message is shown as written.
import type { Spec } from '@leitai/engine';
import type { InboxKind, InboxParams } from '../db/schema.ts';
import type { Lang } from '../http/language.ts';

export function renderInbox(spec: Spec | undefined, kind: InboxKind, period: string, params: InboxParams, lang: Lang): string {
  const name = (id: string) => spec?.indicators.find((d) => d.id === id)?.name ?? id;
  if (kind === 'returned' && 'indicator' in params) {
    return lang === 'en'
      ? `${period} "${name(params.indicator)}" (${params.value}) was returned: ${params.reason}`
      : `${period}“${name(params.indicator)}”数据（${params.value}）被退回：${params.reason}`;
  }
  const ids = 'indicators' in params ? params.indicators : [];
  if (lang === 'en') {
    return ids.length > 0
      ? `Please report the figures for ${period}: ${ids.map((d) => `"${name(d)}"`).join(', ')}`
      : `Please report the figures for ${period}`;
  }
  return ids.length > 0 ? `请尽快报送 ${period} 的数据：${ids.map(name).join('、')}` : `请尽快报送 ${period} 的数据`;
}
