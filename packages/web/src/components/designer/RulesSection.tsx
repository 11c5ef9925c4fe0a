// 督查问责: each rule a sentence with pickers — "连续 [2] 期 获 [黄旗] → [约谈]（约谈），每轮一次" — read
// back in words; a 3-step ladder (提醒—督办—约谈) in one click.
import { useState } from 'react';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { periodsOf, type DRule, type DWhen, type DraftSpec } from '../../designer/doc.ts';
import { newId } from '../../designer/ids.ts';
import { ACTIONS } from '../../designer/kinds.ts';
import { rename } from '../../designer/rename.ts';
import { InlineIssues, useDesigner } from './context.tsx';

type Cond = 'flag' | 'rank' | 'behind' | 'missing' | 'vetoed' | 'below';

export function condOf(w: DWhen): Cond {
  if (w.flag !== undefined) return 'flag';
  if (w.rank !== undefined) return 'rank';
  if (w.behind_schedule !== undefined) return 'behind';
  if (w.missing) return 'missing';
  if (w.vetoed) return 'vetoed';
  if (w.below_base !== undefined) return 'below';
  return 'flag';
}

function whenFor(cond: Cond, d: DraftSpec, consecutive?: number): DWhen {
  const c = consecutive && consecutive > 1 ? { consecutive } : {};
  switch (cond) {
    case 'flag': return { flag: (d.flags.find((f) => f.award === 'bottom') ?? d.flags[0])?.id ?? '', ...c };
    case 'rank': return { rank: 'bottom', ...c };
    case 'behind': return { behind_schedule: true, ...c };
    case 'missing': return { missing: true, ...c };
    case 'vetoed': return { vetoed: true, ...c };
    default: return { below_base: true, ...c };
  }
}

export function ruleSentence(r: DRule, d: DraftSpec, t: (k: string, o?: Record<string, unknown>) => string): string {
  const w = r.when;
  const cond = condOf(w);
  const scope = w.scope === 'all' ? t('designer.flags.scopeAll') : w.scope === 'pair' ? t('designer.flags.scopePair') : t('designer.flags.scopeGroup');
  const c = t(`designer.rules.say.${cond}`, { n: w.consecutive ?? 1, flag: d.flags.find((f) => f.id === w.flag)?.name ?? w.flag ?? '', scope, count: w.count ?? 1 });
  const at = r.at && r.at.length > 0 ? `（${r.at.join('、')}）` : '';
  return t('designer.rules.sentence', { cond: c, name: r.name, once: r.repeat === false ? t('designer.rules.onceWord') : '' }) + at;
}

function RuleRow({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update, saved } = useDesigner();
  const r = draft.rules[index];
  const cond = condOf(r.when);
  const setRule = (k: string, v: unknown) => update((d) => {
    const x = d.rules[index];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete x[k];
    else x[k] = v;
  });
  const setWhen = (k: string, v: unknown) => update((d) => {
    const w = d.rules[index].when;
    if (v === undefined || v === null || v === '' || (k === 'consecutive' && v === 1) || (k === 'count' && v === 1) || (k === 'scope' && v === 'group')) delete w[k];
    else w[k] = v;
  });
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`rule-${index}`}>
      <Space wrap align="center">
        <span>{t('designer.rules.consecutive')}</span>
        <InputNumber value={r.when.consecutive ?? 1} min={1} style={{ width: 64 }} onChange={(v) => setWhen('consecutive', v)} data-testid={`rule-${index}-consecutive`} />
        <span>{t('designer.rules.periods')}</span>
        <Select value={cond} style={{ width: 150 }} onChange={(c: Cond) => update((d) => { d.rules[index].when = whenFor(c, d, d.rules[index].when.consecutive); })}
          options={(['flag', 'rank', 'behind', 'missing', 'vetoed', 'below'] as const).map((c) => ({ value: c, label: t(`designer.rules.cond.${c}`) }))} />
        {cond === 'flag' && (
          <Select value={r.when.flag} style={{ width: 140 }} onChange={(v) => setWhen('flag', v)} options={draft.flags.map((f) => ({ value: f.id, label: f.name }))} data-testid={`rule-${index}-flag`} />
        )}
        {cond === 'rank' && (
          <>
            <Select value={r.when.scope ?? 'group'} style={{ width: 120 }} onChange={(v) => setWhen('scope', v)}
              options={[{ value: 'group', label: t('designer.flags.scopeGroup') }, { value: 'pair', label: t('designer.flags.scopePair') }, { value: 'all', label: t('designer.flags.scopeAll') }]} />
            <InputNumber value={r.when.count ?? 1} min={1} style={{ width: 64 }} onChange={(v) => setWhen('count', v)} />
            <span>{t('designer.rules.rankCount')}</span>
          </>
        )}
        <span>{t('designer.rules.arrow')}</span>
        <Input value={r.name} style={{ width: 140 }} onChange={(e) => update((d) => rename(d, 'rule', index, e.target.value, saved))} aria-label={t('designer.rules.name')} />
        <Select value={r.action} style={{ width: 110 }} onChange={(v) => setRule('action', v)} aria-label={t('designer.rules.action')}
          options={[...new Set([...ACTIONS, r.action])].map((a) => ({ value: a, label: (ACTIONS as readonly string[]).includes(a) ? t(`designer.rules.actions.${a}`) : a }))} />
        <Tooltip title={t('designer.rules.onceHint')}>
          <Checkbox checked={r.repeat === false} onChange={(e) => setRule('repeat', e.target.checked ? false : undefined)} data-testid={`rule-${index}-once`}>{t('designer.rules.once')}</Checkbox>
        </Tooltip>
        <Select mode="multiple" allowClear value={r.at ?? []} placeholder={t('designer.rules.atAll')} style={{ minWidth: 160 }} onChange={(v: string[]) => setRule('at', v)}
          options={periodsOf(draft.campaign.year, draft.campaign.cadence).map((p) => ({ value: p, label: p }))} aria-label={t('designer.rules.at')} />
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.units.remove')} onClick={() => update((d) => { d.rules.splice(index, 1); })} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid={`rule-${index}-sentence`}>{ruleSentence(r, draft, t)}</Typography.Paragraph>
      <InlineIssues path={`rules[${index}]`} />
    </Card>
  );
}

const LADDER = [
  { name: '提醒谈话', action: 'reminder' },
  { name: '督办', action: 'supervision' },
  { name: '约谈', action: 'interview' },
] as const;

export function RulesSection() {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const bottom = draft.flags.find((f) => f.award === 'bottom') ?? draft.flags[0];
  const [ladderFlag, setLadderFlag] = useState<string | undefined>(undefined);
  const flag = ladderFlag ?? bottom?.id;
  return (
    <Card
      size="small"
      title={t('designer.rules.title')}
      extra={
        <Space wrap>
          <Select value={flag} style={{ width: 120 }} onChange={setLadderFlag} options={draft.flags.map((f) => ({ value: f.id, label: f.name }))} aria-label={t('designer.rules.ladderFlag')} />
          <Button
            disabled={!flag}
            onClick={() => update((d) => {
              const taken = new Set(d.rules.map((r) => r.id));
              LADDER.forEach((step, i) => {
                d.rules.push({ id: newId(step.name, taken, 'rule'), name: step.name, action: step.action, repeat: false, when: { flag: flag as string, ...(i > 0 ? { consecutive: i + 1 } : {}) } });
              });
            })}
            data-testid="rules-ladder"
          >
            {t('designer.rules.ladder')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => update((d) => {
            const name = t('designer.rules.actions.reminder');
            d.rules.push({ id: newId(name, new Set(d.rules.map((r) => r.id)), 'rule'), name, action: 'reminder', when: whenFor('flag', d) });
          })}>
            {t('designer.rules.add')}
          </Button>
        </Space>
      }
    >
      {draft.rules.length === 0 && <Typography.Text type="secondary">{t('designer.rules.none')}</Typography.Text>}
      {draft.rules.map((_r, i) => <RuleRow key={i} index={i} />)}
    </Card>
  );
}
