// What every section of the designer shares: the draft, a way to change it, and the engine's issues
// (on the draft as it is now, or the server's from the last save), shown on their fields.
import { createContext, useContext, type ReactNode } from 'react';
import { Form, Typography } from 'antd';
import type { Issue } from '@leitai/engine';
import { issuesAt, type DraftSpec } from '../../designer/doc.ts';
import { useLang } from '../../i18n/LocaleProvider.tsx';

export interface DesignerState {
  draft: DraftSpec;
  /** change the draft: the function gets a copy to change in place */
  update: (change: (d: DraftSpec) => void) => void;
  issues: Issue[];
  /** the spec as last saved (null for a new campaign): ids saved once never change */
  saved: DraftSpec | null;
}

export const DesignerContext = createContext<DesignerState | null>(null);

export function useDesigner(): DesignerState {
  const s = useContext(DesignerContext);
  if (!s) throw new Error('useDesigner outside the designer');
  return s;
}

/** An issue's message in the interface's language, without the path prefix the engine puts first. */
export function issueText(i: Issue, lang: 'zh' | 'en'): string {
  const m = lang === 'en' ? i.message : i.messageZh;
  return i.path && m.startsWith(i.path) ? m.slice(i.path.length).replace(/^[:：]\s*/, '') : m;
}

/** The messages of the issues at a path (and inside it unless `exact`). */
export function useIssues(path: string, exact = false): string[] {
  const { issues } = useDesigner();
  const { lang } = useLang();
  const found = exact ? issues.filter((i) => i.path === path) : issuesAt(issues, path);
  return found.map((i) => issueText(i, lang));
}

/** A form item whose help shows the engine's messages for its path (red), else its hint. */
export function Field({ path, label, hint, exact, children, testid }: { path: string; label?: ReactNode; hint?: ReactNode; exact?: boolean; children: ReactNode; testid?: string }) {
  const msgs = useIssues(path, exact);
  return (
    <Form.Item
      label={label}
      validateStatus={msgs.length > 0 ? 'error' : undefined}
      help={msgs.length > 0 ? <span data-testid={`issue-${testid ?? path}`} className="designer-issue">{msgs.join('；')}</span> : hint}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Form.Item>
  );
}

/** The messages for a path shown inline (in a table cell). */
export function InlineIssues({ path, exact, testid }: { path: string; exact?: boolean; testid?: string }) {
  const msgs = useIssues(path, exact);
  if (msgs.length === 0) return null;
  return <Typography.Text type="danger" className="designer-issue" data-testid={`issue-${testid ?? path}`} style={{ display: 'block', fontSize: 12 }}>{msgs.join('；')}</Typography.Text>;
}
