// One engine explanation: the arithmetic with the actual figures (monospace), then the sentence
// in the interface language.
import { Typography } from 'antd';
import type { Explanation } from '../api/types.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';

// The engine's arithmetic is language-neutral but for a word or two; in English they read in English.
const FORMULA_WORDS: [RegExp, string][] = [[/封顶/g, 'capped at']];
export const formulaIn = (formula: string, lang: string) => (lang === 'en' ? FORMULA_WORDS.reduce((f, [zh, en]) => f.replace(zh, en), formula) : formula);

export function ExplainText({ explain }: { explain: Explanation | undefined }) {
  const { lang } = useLang();
  if (!explain) return null;
  return (
    <div className="explain" data-code={explain.code}>
      {explain.formula && (
        <Typography.Text code className="explain-formula">
          {formulaIn(explain.formula, lang)}
        </Typography.Text>
      )}
      <div className="explain-text">{lang === 'en' ? explain.en : explain.zh}</div>
    </div>
  );
}

export function ExplainList({ items }: { items: Explanation[] | undefined }) {
  if (!items || items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul className="explain-list">
      {items.map((e, i) => (
        <li key={e.code + i}>
          <ExplainText explain={e} />
        </li>
      ))}
    </ul>
  );
}
