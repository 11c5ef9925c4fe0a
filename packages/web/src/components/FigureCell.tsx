// One editable figure. Saves on Enter or when the cell loses focus, only if the text changed. A
// refused value stays in the cell in red with the API's message under it; hovering a saved cell
// shows who saved it and when.
import { weightOfUnit } from '../lib/applies.ts';
import { useState } from 'react';
import { Input, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Figure, ModelIndicator } from '../api/types.ts';
import type { CellState } from '../hooks/useFigureEntry.ts';
import { dateTime } from '../lib/format.ts';
import { FigureStatusTag } from './StatusTags.tsx';
import type { RollupCell } from '../hooks/useRollups.ts';
import { RollupSource } from './RollupSource.tsx';

export function FigureCell({ figure, state, indicator, editable, onSave, unit, formHref, rollup }: {
  figure: Figure | undefined;
  state: CellState | undefined;
  indicator: ModelIndicator;
  editable: boolean;
  unit: string;
  onSave: (text: string) => void;
  /** the unit's form, where an explanation the API asked for is given */
  formHref?: string;
  /** fed from a lower campaign [上下联动]: shown with its source and never typed by hand */
  rollup?: RollupCell;
}) {
  const { t } = useTranslation();
  const stored = figure?.value ?? '';
  // null while the user is not typing: the cell then follows what is stored
  const [typing, setTyping] = useState<string | null>(null);
  const text = typing ?? state?.draft ?? stored;

  const commit = () => {
    if (typing === null) return;
    const v = typing;
    setTyping(null);
    if (v.trim() !== stored || state?.error) onSave(v);
  };

  // (spec 1.1) w(u): the unit's group's weight
  const weight = weightOfUnit(indicator, unit);
  const placeholder = indicator.input === 'event'
    ? '0'
    : indicator.input === 'score' && weight != null ? `0–${weight}` : indicator.measure ?? undefined;

  const input = (
    <Input
      size="small"
      value={text}
      disabled={!editable || !!rollup}
      status={state?.error ? 'error' : undefined}
      placeholder={editable && !rollup ? placeholder : undefined}
      suffix={state?.saving ? <LoadingOutlined /> : <span />}
      inputMode="decimal"
      title={indicator.input === 'event' ? t('entry.eventHint') : undefined}
      data-cell={`${unit}/${indicator.id}`}
      aria-invalid={state?.error ? true : undefined}
      onChange={(e) => setTyping(e.target.value)}
      onBlur={commit}
      onPressEnter={(e) => {
        commit();
        e.currentTarget.blur();
      }}
    />
  );

  const who = figure?.enteredBy ?? null;
  const tip = rollup
    ? t('rollups.locked', { name: rollup.link.sourceCampaign.name })
    : figure && !state?.error
      ? t('entry.savedBy', { who: who ?? '—', when: dateTime(figure.enteredAt) })
      : undefined;

  return (
    <div className={state?.justSaved ? 'entry-cell entry-cell-saved' : 'entry-cell'}>
      {tip ? <Tooltip title={tip}>{input}</Tooltip> : input}
      {rollup && <RollupSource cell={rollup} unit={unit} indicator={indicator.id} />}
      {figure && (figure.status || figure.late) && (
        <div className="entry-cell-status" data-figure-status={`${unit}/${indicator.id}`}>
          <FigureStatusTag status={figure.status} />
          {figure.late && <Tag color="orange" data-late="1" style={{ marginInlineEnd: 0 }}>{t('entry.late')}</Tag>}
          {figure.status === 'returned' && figure.reviewReason && (
            <Typography.Text type="danger" className="entry-cell-reason" data-review-reason>
              {t('entry.returnedReason', { reason: figure.reviewReason })}
            </Typography.Text>
          )}
        </div>
      )}
      {state?.error && <div className="entry-cell-error" role="alert">{state.error}</div>}
      {state?.needsForm && formHref && <Link to={formHref} className="entry-cell-reason" data-open-form={`${unit}/${indicator.id}`}>{t('form.openForm')}</Link>}
    </div>
  );
}
