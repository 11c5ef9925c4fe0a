// One indicator of the reporter's form: the value being typed, last period's figure, the target,
// the pro-rata schedule and the score the engine gives the typed value (from the preview route,
// never computed here); the explanation field when the figure falls behind schedule or jumps
// against last period; the evidence files.
import type { ReactNode } from 'react';
import { Alert, Input, Tag, Typography } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Evidence, Figure, ModelIndicator, PreviewIndicator, ValueIndicatorResult } from '../api/types.ts';
import { weightOfUnit } from '../lib/applies.ts';
import { num, pct } from '../lib/format.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { ScheduleBar } from './ScheduleBar.tsx';
import { FigureStatusTag } from './StatusTags.tsx';
import type { RollupCell } from '../hooks/useRollups.ts';
import { RollupSource } from './RollupSource.tsx';

export interface IndicatorEntryProps {
  unit: string;
  indicator: ModelIndicator;
  figure: Figure | undefined;
  /** the text in the value field */
  value: string;
  /** the text in the explanation field */
  note: string;
  editable: boolean;
  /** value or explanation differ from what is stored */
  changed: boolean;
  preview: PreviewIndicator | undefined;
  /** prints a score with the campaign's decimals (92.4 → 92.40) */
  score: (x: number | null | undefined) => string;
  previousPeriod: string | null;
  previewPending: boolean;
  /** the caller must explain (a reporter); organizers may */
  explanationRequired: boolean;
  /** the server refused the submitted figure without an explanation: its message */
  serverNeed: string | undefined;
  /** the engine's or the server's messages about the value */
  errors: string[];
  evidence: Evidence[];
  onValue: (text: string) => void;
  onNote: (text: string) => void;
  onAttach?: (file: File) => Promise<void>;
  onRemove?: (id: string) => Promise<void>;
  /** fed from a lower campaign [上下联动]: its source is shown and it is not typed here */
  rollup?: RollupCell;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="form-fact" data-testid={testId}>
      <span className="form-fact-label">{label}</span>
      <span className="form-fact-value">{children}</span>
    </div>
  );
}

export function IndicatorEntry(p: IndicatorEntryProps) {
  const { t } = useTranslation();
  const ind = p.indicator;
  const key = `${p.unit}/${ind.id}`;
  const r = p.preview;
  const hasValue = p.value.trim() !== '';
  const need = hasValue && ind.input === 'value' ? r?.needsExplanation ?? null : null;
  const jumpText = r?.jump ? `${r.jump.percent > 0 ? '+' : ''}${r.jump.percent}%` : '';
  const mustExplain = p.explanationRequired && p.changed && hasValue && (need !== null || p.serverNeed !== undefined);
  const noteMissing = mustExplain && p.note.trim() === '';
  const showNote = ind.input === 'value' && (need !== null || p.serverNeed !== undefined || p.note.trim() !== '' || !!p.figure?.explanation);
  const measure = ind.measure ? ` ${ind.measure}` : '';
  // (spec 1.1) w(u): the weight of the unit's group
  const weight = weightOfUnit(ind, p.unit);
  const base = r?.base ?? ind.bases?.[p.unit];

  return (
    <div className={`form-ind${p.changed ? ' form-ind-changed' : ''}`} data-indicator={ind.id}>
      <div className="form-ind-head">
        <Typography.Text strong>{ind.name}</Typography.Text>
        <Tag color={ind.input === 'value' ? 'blue' : ind.input === 'score' ? 'purple' : 'orange'}>
          {t(`inputKind.${ind.input}`)}{ind.measure ? ` · ${ind.measure}` : ''}
        </Tag>
        {weight != null && <Typography.Text type="secondary">{t('entry.weight', { weight })}</Typography.Text>}
        <FigureStatusTag status={p.figure?.status} />
        {p.figure?.late && <Tag color="orange">{t('entry.late')}</Tag>}
        {p.changed && <Tag color="processing" data-changed="1">{t('form.changed')}</Tag>}
      </div>
      <div className="form-ind-body">
        <div className="form-ind-input">
          <Input
            value={p.value}
            disabled={!p.editable}
            status={p.errors.length > 0 ? 'error' : undefined}
            placeholder={p.editable ? (ind.input === 'event' ? '0' : ind.input === 'score' && weight != null ? `0–${weight}` : ind.measure ?? undefined) : t('form.notEditable')}
            inputMode="decimal"
            data-cell={key}
            aria-invalid={p.errors.length > 0 ? true : undefined}
            suffix={p.previewPending && p.changed ? <LoadingOutlined /> : <span />}
            onChange={(e) => p.onValue(e.target.value)}
          />
          {p.rollup && <RollupSource cell={p.rollup} unit={p.unit} indicator={ind.id} />}
          {p.errors.map((m) => <div key={m} className="entry-cell-error" role="alert">{m}</div>)}
        </div>
        <div className="form-ind-facts">
          <Fact label={t('form.previous', { period: p.previousPeriod ?? '—' })} testId="fact-previous">
            {r?.previous != null ? `${r.previous}${measure}` : t('form.noPrevious')}
          </Fact>
          {r?.target !== undefined && <Fact label={t('form.target')} testId="fact-target">{num(r.target)}{measure}</Fact>}
          {base !== undefined && (
            <Fact label={t('form.base')} testId="fact-base">
              {num(base)}{measure}
              {r?.below_base && hasValue && <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="below-base">{t('form.belowBase')}</Tag>}
            </Fact>
          )}
          {r?.expected !== undefined && <Fact label={t('form.expected')} testId="fact-expected">{num(r.expected)}{measure}</Fact>}
          {r?.ratio !== undefined && r.expected === undefined && <Fact label={t('form.ratio')} testId="fact-ratio">{pct(r.ratio)}</Fact>}
          <Fact label={t('form.score')} testId="preview-score">
            {r ? (weight != null ? t('form.scoreOf', { score: p.score(r.score), weight }) : p.score(r.score)) : '—'}
          </Fact>
          {r?.expected !== undefined && !r.missing && <ScheduleBar r={r as ValueIndicatorResult} />}
        </div>
      </div>
      {(ind.standard || ind.description) && (
        <div className="form-ind-texts" data-testid="indicator-texts">
          {ind.standard && <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }} data-testid="indicator-standard">{t('form.standard')}：{ind.standard}</Typography.Paragraph>}
          {ind.description && <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }} data-testid="indicator-description">{ind.description}</Typography.Paragraph>}
        </div>
      )}
      {p.figure?.status === 'returned' && p.figure.reviewReason && (
        <Typography.Text type="danger" className="entry-cell-reason" data-review-reason>{t('entry.returnedReason', { reason: p.figure.reviewReason })}</Typography.Text>
      )}
      {(need !== null || p.serverNeed) && (
        <Alert
          className="form-ind-need"
          type={mustExplain ? 'warning' : 'info'}
          showIcon
          data-needs-explanation={need ?? 'server'}
          title={p.serverNeed ?? (p.explanationRequired ? t(`form.needs.${need}`, { percent: jumpText }) : t(`form.needsOptional.${need}`, { percent: jumpText }))}
        />
      )}
      {showNote && (
        <div className="form-ind-note">
          <Typography.Text className={mustExplain ? 'form-required' : undefined}>{t('form.explanation')}</Typography.Text>
          <Input.TextArea
            value={p.note}
            disabled={!p.editable}
            rows={2}
            maxLength={500}
            showCount
            status={noteMissing ? 'warning' : undefined}
            placeholder={t('form.explanationPlaceholder')}
            data-explanation-input={key}
            onChange={(e) => p.onNote(e.target.value)}
          />
          {noteMissing && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('form.explanationRequired')}</Typography.Text>}
        </div>
      )}
      {(p.evidence.length > 0 || p.onAttach) && (
        <div className="form-ind-evidence">
          <Typography.Text type="secondary">{t('form.evidence')}</Typography.Text>
          <EvidenceList files={p.evidence} testKey={key} onAttach={p.onAttach} onRemove={p.onRemove} />
        </div>
      )}
    </div>
  );
}
