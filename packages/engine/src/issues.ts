// Every problem the engine finds in a spec or in data is an Issue: a stable code, where it is
// (a spec path such as `indicators[2].target`, or a spreadsheet row number), the offending text,
// and a message in both languages. Callers show them all at once; nothing is evaluated meanwhile.

export interface Issue {
  kind: 'spec' | 'data';
  /** stable machine code, e.g. `spec.required`, `data.unknown_unit` */
  code: string;
  /** spec issues: the path, e.g. `indicators[2].target` */
  path?: string;
  /** spec issues: 1-based line in the source text, when known */
  line?: number;
  /** data issues: the row as a spreadsheet shows it (header is row 1) */
  row?: number;
  /** the offending key, id, value or cell text */
  text?: string;
  message: string;
  messageZh: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** One line per issue, as the CLI prints them. */
export function formatIssue(issue: Issue, lang: 'en' | 'zh' = 'en'): string {
  return lang === 'zh' ? issue.messageZh : issue.message;
}
