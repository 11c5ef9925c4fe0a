// Movement in group rank since the previous period: positive means the unit rose.
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';

export function DeltaArrow({ delta }: { delta: number | null }) {
  if (delta === null || delta === 0) {
    return (
      <span className="delta delta-same" aria-label="0" style={{ color: '#8c8c8c' }}>
        <MinusOutlined />
      </span>
    );
  }
  const up = delta > 0;
  return (
    <span className={up ? 'delta delta-up' : 'delta delta-down'} style={{ color: up ? '#389e0d' : '#cf1322', fontWeight: 600 }}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(delta)}
    </span>
  );
}
