// 指标: a table of indicators (name, way of scoring in plain words, points, groups, targets) and a
// drawer for one of them with every field, its targets and a live scoring trial beside it.
import { useState } from 'react';
import { Button, Card, Checkbox, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { asMap, compactPerKey, type DIndicator } from '../../designer/doc.ts';
import { newId } from '../../designer/ids.ts';
import { rename } from '../../designer/rename.ts';
import { KINDS, kindOf, withKind, type Kind } from '../../designer/kinds.ts';
import { Field, InlineIssues, useDesigner, useIssues } from './context.tsx';
import { ScorePreview } from './ScorePreview.tsx';
import { TargetsEditor } from './TargetsEditor.tsx';

function WeightEditor({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const ind = draft.indicators[index];
  const byGroup = typeof ind.weight === 'object';
  const groups = draft.groups.filter((g) => !ind.applies_to || ind.applies_to.length === 0 || ind.applies_to.includes(g.id));
  const m = asMap(ind.weight);
  const set = (v: DIndicator['weight']) => update((d) => { d.indicators[index].weight = v; });
  return (
    <Field path={`indicators[${index}].weight`} label={t('designer.ind.weight')}>
      <Space direction="vertical">
        {!byGroup && <InputNumber value={ind.weight as number | undefined} onChange={(v) => set(v ?? undefined)} data-testid="ind-weight" />}
        {groups.length > 1 && (
          <Checkbox checked={byGroup} onChange={(e) => set(e.target.checked ? Object.fromEntries(groups.map((g) => [g.id, m.default ?? 0])) : (m.default ?? Object.values(m)[0]))}>
            {t('designer.ind.weightByGroup')}
          </Checkbox>
        )}
        {byGroup && groups.map((g) => (
          <Space key={g.id}>
            <span style={{ display: 'inline-block', minWidth: 100 }}>{g.name}</span>
            <InputNumber value={m[g.id]} onChange={(v) => set(compactPerKey(Object.fromEntries(Object.entries({ ...m, [g.id]: v ?? undefined }).filter(([, x]) => x !== undefined)) as Record<string, number>) ?? {})} data-testid={`ind-weight-${g.name}`} />
          </Space>
        ))}
      </Space>
    </Field>
  );
}

function IndicatorForm({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update, saved } = useDesigner();
  const ind = draft.indicators[index];
  const kind = kindOf(ind);
  const p = `indicators[${index}]`;
  const set = (k: string, v: unknown) => update((d) => {
    const x = d.indicators[index];
    if (v === undefined || v === null || v === '') delete x[k];
    else x[k] = v;
  });
  const value = ind.input === 'value';
  const targeted = kind === 'completion' || kind === 'schedule';
  return (
    <Form layout="vertical">
      <Field path={`${p}.name`} label={t('designer.ind.name')}>
        <Input value={ind.name} onChange={(e) => update((d) => rename(d, 'indicator', index, e.target.value, saved))} data-testid="ind-name" />
      </Field>
      <Field path={`${p}.input`} label={t('designer.ind.kind')} hint={t(`designer.ind.kindHelp.${kind}`)}>
        <Select
          value={kind}
          onChange={(k: Kind) => update((d) => { d.indicators[index] = withKind(d.indicators[index], k); })}
          options={KINDS.map((k) => ({ value: k, label: t(`designer.ind.kinds.${k}`) }))}
          data-testid="ind-kind"
        />
      </Field>
      {ind.input !== 'event' && <WeightEditor index={index} />}
      <Field path={`${p}.applies_to`} label={t('designer.ind.appliesTo')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('designer.ind.allGroups')}
          value={ind.applies_to ?? []}
          onChange={(v: string[]) => set('applies_to', v.length > 0 ? v : undefined)}
          options={draft.groups.map((g) => ({ value: g.id, label: g.name }))}
        />
      </Field>
      {value && (
        <Row gutter={12}>
          <Col span={12}>
            <Field path={`${p}.measure`} label={t('designer.ind.measure')}>
              <Input value={ind.measure ?? ''} onChange={(e) => set('measure', e.target.value)} data-testid="ind-measure" />
            </Field>
          </Col>
          <Col span={12}>
            <Field path={`${p}.direction`} label={t('designer.ind.direction')}>
              <Radio.Group value={ind.direction ?? 'higher'} onChange={(e) => set('direction', e.target.value === 'higher' ? undefined : e.target.value)}>
                <Radio value="higher">{t('designer.ind.higher')}</Radio>
                <Radio value="lower">{t('designer.ind.lower')}</Radio>
              </Radio.Group>
            </Field>
          </Col>
          <Col span={12}>
            <Field path={`${p}.cumulative`} label={t('designer.ind.cumulative')}>
              <Select value={ind.cumulative === false ? 'no' : 'yes'} onChange={(v) => set('cumulative', v === 'no' ? false : undefined)}
                options={[{ value: 'yes', label: t('designer.ind.cumulativeYes') }, { value: 'no', label: t('designer.ind.cumulativeNo') }]} />
            </Field>
          </Col>
          <Col span={12}>
            <Field path={`${p}.quantity`} label={t('designer.ind.quantity')}>
              <Select value={ind.quantity ?? 'amount'} onChange={(v) => set('quantity', v === 'amount' ? undefined : v)}
                options={[{ value: 'amount', label: t('designer.ind.amount') }, { value: 'rate', label: t('designer.ind.rate') }]} />
            </Field>
          </Col>
          <Col span={8}>
            <Field path={`${p}.min`} label={t('designer.ind.min')}><InputNumber value={ind.min} onChange={(v) => set('min', v)} /></Field>
          </Col>
          <Col span={8}>
            <Field path={`${p}.max`} label={t('designer.ind.max')}><InputNumber value={ind.max} onChange={(v) => set('max', v)} /></Field>
          </Col>
          <Col span={8}>
            <Field path={`${p}.whole`} label=" "><Checkbox checked={ind.whole === true} onChange={(e) => set('whole', e.target.checked || undefined)}>{t('designer.ind.whole')}</Checkbox></Field>
          </Col>
        </Row>
      )}
      {targeted && (
        <Field path={`${p}.cap`} label={t('designer.ind.cap')} hint={t('designer.ind.capHint')}>
          <InputNumber value={ind.cap} step={0.1} onChange={(v) => set('cap', v)} data-testid="ind-cap" />
        </Field>
      )}
      {(kind === 'best' || kind === 'range' || kind === 'rank') && (
        <Field path={`${p}.scope`} label={t('designer.ind.scope')}>
          <Radio.Group value={ind.scope ?? 'group'} onChange={(e) => set('scope', e.target.value === 'group' ? undefined : e.target.value)}>
            <Radio value="group">{t('designer.ind.scopeGroup')}</Radio>
            <Radio value="all">{t('designer.ind.scopeAll')}</Radio>
          </Radio.Group>
        </Field>
      )}
      {kind === 'rank' && (
        <Field path={`${p}.step`} label={t('designer.ind.step')} hint={t('designer.ind.stepHint')}>
          <InputNumber value={ind.step} onChange={(v) => set('step', v)} />
        </Field>
      )}
      {(kind === 'bonus' || kind === 'penalty') && (
        <Space>
          <Field path={`${p}.points`} label={t('designer.ind.points')}><InputNumber value={ind.points} onChange={(v) => set('points', v)} data-testid="ind-points" /></Field>
          <Field path={`${p}.cap`} label={t('designer.ind.eventCap')}><InputNumber value={ind.cap} onChange={(v) => set('cap', v)} /></Field>
        </Space>
      )}
      {ind.input !== 'event' && (
        <Field path={`${p}.category`} label={t('designer.ind.category')}>
          <Input value={ind.category ?? ''} onChange={(e) => set('category', e.target.value)} />
        </Field>
      )}
      {ind.input === 'score' && (
        <Field path={`${p}.standard`} label={t('designer.ind.standard')}>
          <Input.TextArea rows={3} value={ind.standard ?? ''} onChange={(e) => set('standard', e.target.value)} data-testid="ind-standard" />
        </Field>
      )}
      <Field path={`${p}.description`} label={t('designer.ind.description')}>
        <Input.TextArea rows={2} value={ind.description ?? ''} onChange={(e) => set('description', e.target.value)} />
      </Field>
      {targeted && <TargetsEditor index={index} />}
    </Form>
  );
}

function IssueCount({ index }: { index: number }) {
  const n = useIssues(`indicators[${index}]`).length;
  return n > 0 ? <InlineIssues path={`indicators[${index}]`} testid={`ind-${index}`} /> : null;
}

export function IndicatorsSection() {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const [open, setOpen] = useState<number | null>(null);
  const groupName = (id: string) => draft.groups.find((g) => g.id === id)?.name ?? id;
  const weightText = (i: DIndicator) => {
    if (i.input === 'event') return i.effect === 'veto' ? '—' : `${i.effect === 'penalty' ? '−' : '+'}${i.points ?? ''}`;
    if (typeof i.weight === 'object') return Object.entries(i.weight).map(([g, w]) => `${g === 'default' ? '' : groupName(g) + ' '}${w}`).join('，');
    return i.weight ?? '';
  };
  const targetText = (i: DIndicator) => {
    if (i.target === undefined) return '';
    if (typeof i.target === 'number') return String(i.target);
    const own = Object.keys(i.target).filter((k) => k !== 'default').length;
    const d = i.target.default === undefined ? '' : String(i.target.default);
    return own > 0 ? `${d}${d ? '；' : ''}${t('designer.ind.targetsApplied', { count: own })}` : d;
  };
  const add = () => {
    const index = draft.indicators.length;
    update((d) => {
      const name = `${t('designer.ind.newName')} ${index + 1}`;
      d.indicators.push({ id: newId(name, new Set(d.indicators.map((i) => i.id)), 'ind'), name, input: 'value', weight: 10, method: 'completion' });
    });
    setOpen(index);
  };
  const current = open !== null ? draft.indicators[open] : undefined;

  return (
    <Card size="small" title={t('designer.tabs.indicators')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={add} data-testid="ind-add">{t('designer.ind.add')}</Button>}>
      <Table<DIndicator & { index: number }>
        size="small"
        rowKey="id"
        pagination={false}
        data-testid="indicators-table"
        locale={{ emptyText: t('designer.ind.none') }}
        dataSource={draft.indicators.map((i, index) => ({ ...i, index }))}
        columns={[
          {
            title: t('designer.ind.name'), key: 'name',
            render: (_: unknown, i: DIndicator & { index: number }) => (<><span>{i.name}</span><IssueCount index={i.index} /></>),
          },
          { title: t('designer.ind.kind'), key: 'kind', width: 120, render: (_: unknown, i: DIndicator) => t(`designer.ind.kinds.${kindOf(i)}`) },
          { title: t('designer.ind.weight'), key: 'w', width: 140, render: (_: unknown, i: DIndicator) => weightText(i) },
          { title: t('designer.ind.appliesTo'), key: 'a', width: 160, render: (_: unknown, i: DIndicator) => (i.applies_to?.length ? i.applies_to.map(groupName).join('、') : t('designer.ind.allGroups')) },
          { title: t('designer.ind.target'), key: 't', width: 140, render: (_: unknown, i: DIndicator) => targetText(i) },
          { title: t('designer.ind.category'), key: 'c', width: 100, render: (_: unknown, i: DIndicator) => i.category ?? '' },
          {
            key: 'x', width: 110,
            render: (_: unknown, i: DIndicator & { index: number }) => (
              <Space size="small">
                <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(i.index)} data-testid={`ind-edit-${i.index}`}>{t('designer.ind.edit')}</Button>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.ind.remove')} onClick={() => update((d) => { d.indicators.splice(i.index, 1); })} />
              </Space>
            ),
          },
        ]}
      />
      <InlineIssues path="indicators" exact />
      <Drawer
        open={open !== null && current !== undefined}
        onClose={() => setOpen(null)}
        size="large"
        width={1080}
        title={current ? t('designer.ind.editTitle', { name: current.name }) : ''}
        extra={<Button type="primary" onClick={() => setOpen(null)} data-testid="ind-done">{t('designer.ind.done')}</Button>}
        destroyOnHidden
      >
        {open !== null && current && (
          <Row gutter={16}>
            <Col span={15}><IndicatorForm index={open} /></Col>
            <Col span={9}>
              <div style={{ position: 'sticky', top: 0 }}>
                <ScorePreview ind={current} />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t(`designer.ind.kindHelp.${kindOf(current)}`)}</Typography.Paragraph>
              </div>
            </Col>
          </Row>
        )}
      </Drawer>
    </Card>
  );
}

