// A unit's overall rank over the published periods as a small SVG line (rank 1 at the top). Drawn
// by hand: a charting library would multiply what a phone downloads for one line.
export function RankSparkline({ points, max }: { points: { label: string; rank: number }[]; max: number }) {
  const w = 320;
  const h = 120;
  const pad = { l: 28, r: 14, t: 14, b: 26 };
  const n = points.length;
  const x = (i: number) => pad.l + (n === 1 ? 0 : (i * (w - pad.l - pad.r)) / (n - 1));
  const top = Math.max(max, 2);
  const y = (rank: number) => pad.t + ((rank - 1) * (h - pad.t - pad.b)) / (top - 1);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.rank).toFixed(1)}`).join(' ');
  const step = Math.ceil(n / 6);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className="ph-spark" role="img" aria-label={points.map((p) => `${p.label}: ${p.rank}`).join(', ')} data-testid="phone-trend">
      <line x1={pad.l} x2={w - pad.r} y1={y(1)} y2={y(1)} className="ph-spark-grid" />
      <line x1={pad.l} x2={w - pad.r} y1={y(top)} y2={y(top)} className="ph-spark-grid" />
      <text x={pad.l - 6} y={y(1) + 4} textAnchor="end" className="ph-spark-axis">1</text>
      <text x={pad.l - 6} y={y(top) + 4} textAnchor="end" className="ph-spark-axis">{top}</text>
      <path d={path} className="ph-spark-line" />
      {points.map((p, i) => (
        <g key={i}>
          <circle cx={x(i)} cy={y(p.rank)} r={3.5} className="ph-spark-dot" />
          <text x={x(i)} y={y(p.rank) - 7} textAnchor="middle" className="ph-spark-val">{p.rank}</text>
          {(i % step === 0 || i === n - 1) && <text x={x(i)} y={h - 6} textAnchor="middle" className="ph-spark-axis">{p.label}</text>}
        </g>
      ))}
    </svg>
  );
}
