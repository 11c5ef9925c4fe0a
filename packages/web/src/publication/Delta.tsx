// Rank movement as text (▲2 / ▼1 / —), for the print page, the phone pages and the big screen:
// no icon font, prints in black and white, and reads without colour.
export function Delta({ delta, className }: { delta: number | null; className?: string }) {
  const kind = delta === null || delta === 0 ? 'same' : delta > 0 ? 'up' : 'down';
  const text = kind === 'same' ? '—' : `${kind === 'up' ? '▲' : '▼'}${Math.abs(delta as number)}`;
  return <span className={`pub-delta pub-delta-${kind}${className ? ` ${className}` : ''}`} data-delta={delta ?? ''}>{text}</span>;
}
