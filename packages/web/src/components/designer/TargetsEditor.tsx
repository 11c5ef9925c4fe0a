// An indicator's targets and base targets: one for all, each unit's own typed in a table, or a block
// pasted from Excel / a sheet uploaded (单位名称、目标、基本目标), checked row by row before it applies.
import { InputNumber, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { asMap, compactPerKey, type DIndicator, type PerKey } from '../../designer/doc.ts';
import { applicableUnits } from '../../designer/next-year.ts';
import { importTargets } from '../../designer/sheet.ts';
import { Field, InlineIssues, useDesigner } from './context.tsx';
import { SheetImport } from './SheetImport.tsx';

export function TargetsEditor({ index }: { index: number }) {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const ind = draft.indicators[index];
  const units = applicableUnits(draft, ind);
  const target = asMap(ind.target);
  const base = asMap(ind.base);
  const path = `indicators[${index}]`;
  const setMap = (key: 'target' | 'base', m: Record<string, number>) => update((d) => {
    const v: PerKey | undefined = compactPerKey(m);
    const x: DIndicator = d.indicators[index];
    if (v === undefined) delete x[key];
    else x[key] = v;
  });
  const setOne = (key: 'target' | 'base', unit: string, v: number | null) => {
    const m = key === 'target' ? { ...target } : { ...base };
    if (v === null) delete m[unit];
    else m[unit] = v;
    setMap(key, m);
  };

  return (
    <div data-testid="targets-editor">
      <Space wrap align="start">
        <Field path={`${path}.target`} exact label={t('designer.ind.defaultTarget')} hint={t('designer.ind.defaultTargetHint')} testid="target-default">
          <InputNumber value={target.default} onChange={(v) => setOne('target', 'default', v)} data-testid="target-default" style={{ width: 160 }} />
        </Field>
        <Field path={`${path}.base`} exact label={t('designer.ind.defaultBase')}>
          <InputNumber value={base.default} onChange={(v) => setOne('base', 'default', v)} style={{ width: 160 }} />
        </Field>
      </Space>
      <Typography.Text strong>{t('designer.ind.targetsTitle')}</Typography.Text>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ y: 260 }}
        data-testid="targets-table"
        dataSource={units.map((id) => ({ id, name: draft.units.find((u) => u.id === id)?.name ?? id }))}
        columns={[
          { title: t('designer.units.unitName'), dataIndex: 'name' },
          {
            title: t('designer.ind.target'), key: 't',
            render: (_: unknown, r: { id: string }) => (
              <>
                <InputNumber value={target[r.id]} placeholder={target.default === undefined ? '' : String(target.default)} onChange={(v) => setOne('target', r.id, v)} />
                <InlineIssues path={`${path}.target.${r.id}`} />
              </>
            ),
          },
          {
            title: t('designer.ind.base'), key: 'b',
            render: (_: unknown, r: { id: string }) => (
              <>
                <InputNumber value={base[r.id]} placeholder={base.default === undefined ? '' : String(base.default)} onChange={(v) => setOne('base', r.id, v)} />
                <InlineIssues path={`${path}.base.${r.id}`} />
              </>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('designer.ind.pasteTargets')}</Typography.Text>
        <SheetImport
          testid="targets-sheet"
          uploadLabel={t('designer.ind.importTargets')}
          pastePlaceholder={t('designer.ind.pastePlaceholder')}
          check={(rows) => importTargets(rows, draft.units, new Set(units))}
          applyLabel={(n) => `${t('designer.ind.apply')}（${n}）`}
          onApply={(rows) => {
            const r = importTargets(rows, draft.units, new Set(units));
            setMap('target', { ...(target.default === undefined ? {} : { default: target.default }), ...r.targets });
            if (Object.keys(r.bases).length > 0) setMap('base', { ...(base.default === undefined ? {} : { default: base.default }), ...r.bases });
          }}
        />
      </div>
    </div>
  );
}
