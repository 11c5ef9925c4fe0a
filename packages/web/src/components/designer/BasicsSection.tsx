// 基本信息: name, organizer, year, cadence, who competes (units or persons), ranking, decimals, description; the id follows the name
// and year until someone changes it by hand.
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { campaignIdOf } from '../../designer/ids.ts';
import { Field, useDesigner } from './context.tsx';

export function BasicsSection({ idAuto, setIdAuto, idLocked }: { idAuto: boolean; setIdAuto: (v: boolean) => void; idLocked: boolean }) {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const c = draft.campaign;
  const set = (k: string, v: unknown) => update((d) => {
    d.campaign[k] = v === null ? undefined : v;
    if (idAuto && !idLocked && (k === 'name' || k === 'year')) d.campaign.id = d.campaign.name ? campaignIdOf(d.campaign.name, d.campaign.year) : '';
  });
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Field path="campaign.name" label={t('designer.basics.name')}>
        <Input value={c.name} onChange={(e) => set('name', e.target.value)} data-testid="basics-name" />
      </Field>
      <Field path="campaign.organizer" label={t('designer.basics.organizer')}>
        <Input value={c.organizer ?? ''} onChange={(e) => set('organizer', e.target.value || undefined)} data-testid="basics-organizer" />
      </Field>
      <Field path="campaign.year" label={t('designer.basics.year')}>
        <InputNumber value={c.year} min={1900} max={9999} onChange={(v) => set('year', v ?? undefined)} data-testid="basics-year" />
      </Field>
      <Field path="campaign.cadence" label={t('designer.basics.cadence')}>
        <Select
          value={c.cadence}
          style={{ width: 200 }}
          onChange={(v) => set('cadence', v)}
          data-testid="basics-cadence"
          options={(['month', 'quarter', 'half', 'year'] as const).map((k) => ({ value: k, label: t(`cadence.${k}`) }))}
        />
      </Field>
      <Field path="campaign.subject" label={t('designer.basics.subject')} hint={t('designer.basics.subjectHint')}>
        <Radio.Group
          value={c.subject ?? 'unit'}
          onChange={(e) => update((d) => {
            d.campaign.subject = e.target.value === 'person' ? 'person' : undefined;
            // a unit campaign links no persons (the engine would refuse units[i].person)
            if (e.target.value !== 'person') for (const u of d.units) delete u.person;
          })}
          data-testid="basics-subject"
          options={[{ value: 'unit', label: t('designer.basics.subjectUnit') }, { value: 'person', label: t('designer.basics.subjectPerson') }]}
        />
      </Field>
      <Field path="campaign.ranking" label={t('designer.basics.ranking')}>
        <Select
          value={c.ranking ?? 'competition'}
          style={{ width: 280 }}
          onChange={(v) => set('ranking', v === 'competition' ? undefined : v)}
          options={[{ value: 'competition', label: t('designer.basics.rankingCompetition') }, { value: 'dense', label: t('designer.basics.rankingDense') }]}
        />
      </Field>
      <Field path="campaign.precision" label={t('designer.basics.precision')}>
        <InputNumber value={c.precision ?? 2} min={0} max={4} onChange={(v) => set('precision', v === 2 || v === null ? undefined : v)} />
      </Field>
      <Field path="campaign.tie_break" label={t('designer.basics.tieBreak')} hint={t('designer.basics.tieBreakHint')}>
        <Select
          mode="multiple"
          allowClear
          value={c.tie_break ?? []}
          onChange={(v: string[]) => set('tie_break', v.length > 0 ? v : undefined)}
          options={draft.indicators.filter((i) => i.input !== 'event').map((i) => ({ value: i.id, label: i.name }))}
        />
      </Field>
      <Field path="campaign.description" label={t('designer.basics.description')} hint={t('designer.basics.descriptionHint')}>
        <Input.TextArea rows={3} value={c.description ?? ''} onChange={(e) => set('description', e.target.value || undefined)} />
      </Field>
      <Field path="campaign.id" label={t('designer.basics.id')} hint={t('designer.basics.idHint')}>
        <Input
          value={c.id}
          disabled={idLocked}
          style={{ width: 280 }}
          onChange={(e) => {
            setIdAuto(false);
            set('id', e.target.value);
          }}
          data-testid="basics-id"
        />
      </Field>
    </Form>
  );
}
