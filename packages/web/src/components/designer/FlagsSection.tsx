// 评旗与等次: flags as sentences with pickers ("每期在 每个赛组 中按 总分 排名 前 1 名的单位获 红旗"),
// the year summary and its grades.
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DFlag, DGrade, DraftSpec } from '../../designer/doc.ts';
import { newId } from '../../designer/ids.ts';
import { rename } from '../../designer/rename.ts';
import { Field, InlineIssues, useDesigner } from './context.tsx';

const COLORS = ['red', 'yellow', 'blue', 'green'] as const;

function freeId(d: DraftSpec, want: string, name: string): string {
  const taken = new Set(d.flags.map((f) => f.id));
  if (!taken.has(want)) return want;
  return newId(name, taken, 'flag');
}

export function flagSentence(f: DFlag, d: DraftSpec, t: (k: string, o?: Record<string, unknown>) => string): string {
  const scope = t(`designer.flags.scope${f.scope === 'pair' ? 'Pair' : f.scope === 'all' ? 'All' : 'Group'}`);
  const by = f.indicator ? (d.indicators.find((i) => i.id === f.indicator)?.name ?? f.indicator) : t('designer.flags.total');
  return t('designer.flags.sentence', {
    scope, by, pos: t(`designer.flags.${f.award === 'bottom' ? 'bottom' : 'top'}`), count: f.count ?? 1, name: f.name, mobile: f.mobile ? t('designer.flags.mobileWord') : '',
  });
}

function FlagRow({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update, saved } = useDesigner();
  const f = draft.flags[index];
  const set = (k: string, v: unknown) => update((d) => {
    const x = d.flags[index];
    if (v === undefined || v === null || v === '' || v === false) delete x[k];
    else x[k] = v;
  });
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`flag-${index}`}>
      <Space wrap align="center">
        <Input value={f.name} onChange={(e) => update((d) => rename(d, 'flag', index, e.target.value, saved))} style={{ width: 160 }} aria-label={t('designer.flags.name')} />
        <Select value={f.color} allowClear placeholder={t('designer.flags.color')} style={{ width: 90 }} onChange={(v) => set('color', v)}
          options={COLORS.map((c) => ({ value: c, label: t(`designer.flags.${c}`) }))} />
        <span>{t('designer.flags.every')}</span>
        <Select value={f.scope ?? 'group'} style={{ width: 120 }} onChange={(v) => set('scope', v === 'group' ? undefined : v)}
          options={[{ value: 'group', label: t('designer.flags.scopeGroup') }, { value: 'pair', label: t('designer.flags.scopePair') }, { value: 'all', label: t('designer.flags.scopeAll') }]} />
        <span>{t('designer.flags.by')}</span>
        <Select value={f.indicator ?? ''} style={{ width: 160 }} onChange={(v) => set('indicator', v || undefined)}
          options={[{ value: '', label: t('designer.flags.total') }, ...draft.indicators.filter((i) => i.input !== 'event').map((i) => ({ value: i.id, label: i.name }))]} />
        <Select value={f.award} style={{ width: 80 }} onChange={(v) => set('award', v)}
          options={[{ value: 'top', label: t('designer.flags.top') }, { value: 'bottom', label: t('designer.flags.bottom') }]} />
        <InputNumber value={f.count ?? 1} min={1} style={{ width: 70 }} onChange={(v) => set('count', v === 1 ? undefined : v)} />
        <span>{t('designer.flags.count')}</span>
        <Checkbox checked={f.mobile === true} onChange={(e) => set('mobile', e.target.checked)}>{t('designer.flags.mobile')}</Checkbox>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.units.remove')} onClick={() => update((d) => { d.flags.splice(index, 1); })} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid={`flag-${index}-sentence`}>{flagSentence(f, draft, t)}</Typography.Paragraph>
      <InlineIssues path={`flags[${index}]`} />
    </Card>
  );
}

function GradeRow({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update, saved } = useDesigner();
  const g = (draft.summary?.grades ?? [])[index];
  const set = (k: string, v: unknown) => update((d) => {
    const x = (d.summary?.grades ?? [])[index] as DGrade;
    if (v === undefined || v === null || v === '') delete x[k];
    else x[k] = v;
  });
  return (
    <div style={{ marginBottom: 6 }} data-testid={`grade-${index}`}>
      <Space wrap>
        <Input value={g.name} onChange={(e) => update((d) => rename(d, 'grade', index, e.target.value, saved))} style={{ width: 120 }} aria-label={t('designer.summary.gradeName')} />
        <span>{t('designer.summary.share')}</span>
        <InputNumber value={g.share === undefined ? undefined : Math.round(g.share * 10000) / 100} min={0} max={100} style={{ width: 80 }}
          onChange={(v) => set('share', v === null ? undefined : Math.round(v * 100) / 10000)} />
        <span>{t('designer.summary.count')}</span>
        <InputNumber value={g.count} min={1} style={{ width: 70 }} onChange={(v) => set('count', v)} />
        <span>{t('designer.summary.minTotal')}</span>
        <InputNumber value={g.min_total} style={{ width: 90 }} onChange={(v) => set('min_total', v)} />
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.units.remove')}
          onClick={() => update((d) => { d.summary?.grades?.splice(index, 1); })} />
      </Space>
      <InlineIssues path={`summary.grades[${index}]`} />
    </div>
  );
}

export function FlagsSection() {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const s = draft.summary;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('designer.flags.title')}
        extra={
          <Space wrap>
            <Button
              onClick={() => update((d) => {
                d.flags.push({ id: freeId(d, 'red', '红旗'), name: '红旗', color: 'red', award: 'top', scope: 'group' });
                d.flags.push({ id: freeId(d, 'yellow', '黄旗'), name: '黄旗', color: 'yellow', award: 'bottom', scope: 'group' });
              })}
              data-testid="flags-preset"
            >
              {t('designer.flags.presetRedYellow')}
            </Button>
            <Button onClick={() => update((d) => { d.flags.push({ id: freeId(d, 'mobile', '流动红旗'), name: '流动红旗', color: 'red', award: 'top', scope: 'all', mobile: true }); })}>
              {t('designer.flags.presetMobile')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => update((d) => {
              const name = `${t('designer.flags.name')} ${d.flags.length + 1}`;
              d.flags.push({ id: newId(name, new Set(d.flags.map((f) => f.id)), 'flag'), name, award: 'top' });
            })}>
              {t('designer.flags.add')}
            </Button>
          </Space>
        }
      >
        {draft.flags.length === 0 && <Typography.Text type="secondary">{t('designer.flags.none')}</Typography.Text>}
        {draft.flags.map((_f, i) => <FlagRow key={i} index={i} />)}
      </Card>

      <Card
        size="small"
        title={t('designer.summary.title')}
        extra={<Switch checked={!!s} onChange={(on) => update((d) => { d.summary = on ? { method: 'mean', grades: [] } : undefined; })} data-testid="summary-switch" />}
      >
        {s && (
          <>
            <Field path="summary.method" label={t('designer.summary.method')}>
              <Select value={s.method} style={{ width: 320 }} onChange={(v) => update((d) => { if (d.summary) d.summary.method = v; })}
                options={(['flags', 'mean', 'sum', 'latest'] as const).map((m) => ({ value: m, label: t(`designer.summary.${m}`) }))} />
            </Field>
            {s.method === 'flags' && (
              <Field path="summary.points" label={t('designer.summary.points')}>
                <Space wrap>
                  {draft.flags.map((f) => (
                    <Space key={f.id}>
                      <span>{f.name}</span>
                      <InputNumber value={s.points?.[f.id]} style={{ width: 80 }} onChange={(v) => update((d) => {
                        if (!d.summary) return;
                        const pts = { ...(d.summary.points ?? {}) };
                        if (v === null) delete pts[f.id];
                        else pts[f.id] = v;
                        d.summary.points = pts;
                      })} />
                    </Space>
                  ))}
                </Space>
              </Field>
            )}
            <Typography.Text strong>{t('designer.summary.grades')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              {(s.grades ?? []).map((_g, i) => <GradeRow key={i} index={i} />)}
            </div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => update((d) => {
              if (!d.summary) return;
              const grades = d.summary.grades ?? [];
              const name = `${t('designer.summary.gradeName')} ${grades.length + 1}`;
              grades.push({ id: newId(name, new Set(grades.map((g) => g.id)), 'grade'), name });
              d.summary.grades = grades;
            })}>
              {t('designer.summary.addGrade')}
            </Button>
            <InlineIssues path="summary" exact />
          </>
        )}
      </Card>
    </Space>
  );
}
