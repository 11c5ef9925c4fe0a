// 赛组与单位: groups typed in; units typed in or imported from a sheet (单位名称、赛组、结对) with a
// row-by-row preview; pairs shown by their units' names. Ids are made from names and never shown.
// In a person campaign (campaign.subject: person) the competitors are picked by name from the
// people register (units[i].person links the record) and the wording says 人员.
import { useState } from 'react';
import { Button, Card, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DGroup, DPair, DUnit } from '../../designer/doc.ts';
import { newId } from '../../designer/ids.ts';
import { importUnits } from '../../designer/sheet.ts';
import { InlineIssues, useDesigner } from './context.tsx';
import { listPersons } from '../../api/people.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { SheetImport } from './SheetImport.tsx';

export function UnitsSection() {
  const { t } = useTranslation();
  const { draft, update } = useDesigner();
  const [groupName, setGroupName] = useState('');
  const [unitName, setUnitName] = useState('');
  const [unitGroup, setUnitGroup] = useState<string | undefined>(undefined);
  const [pairPick, setPairPick] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  const unitName_ = (id: string) => draft.units.find((u) => u.id === id)?.name ?? id;
  const personCampaign = draft.campaign.subject === 'person';
  const register = useAsync(() => (personCampaign ? listPersons() : Promise.resolve({ persons: [] })), [personCampaign]);
  const persons = register.data?.persons ?? [];
  const [personPick, setPersonPick] = useState<number | undefined>(undefined);
  const personOf = (u: DUnit) => (u.person === undefined ? undefined : persons.find((p) => p.id === u.person));
  const addPerson = () => {
    const p = persons.find((x) => x.id === personPick);
    const group = unitGroup ?? draft.groups[0]?.id;
    if (!p || !group) return;
    update((d) => { d.units.push({ id: newId(p.name, new Set(d.units.map((u) => u.id)), 'unit'), name: p.name, group, person: p.id }); });
    setPersonPick(undefined);
  };
  const groupOptions = draft.groups.map((g) => ({ value: g.id, label: g.name }));

  const addGroup = () => {
    const name = groupName.trim();
    if (!name) return;
    update((d) => { d.groups.push({ id: newId(name, new Set(d.groups.map((g) => g.id)), 'group'), name }); });
    setGroupName('');
  };
  const addUnit = () => {
    const name = unitName.trim();
    const group = unitGroup ?? draft.groups[0]?.id;
    if (!name || !group) return;
    update((d) => { d.units.push({ id: newId(name, new Set(d.units.map((u) => u.id)), 'unit'), name, group }); });
    setUnitName('');
  };
  const removeUnit = (id: string) => update((d) => {
    d.units = d.units.filter((u) => u.id !== id);
    d.pairs = d.pairs.map((p) => ({ ...p, units: p.units.filter((u) => u !== id) })).filter((p) => p.units.length >= 2);
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('designer.units.groups')}>
        <Table<DGroup & { i: number }>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={draft.groups.map((g, i) => ({ ...g, i }))}
          data-testid="groups-table"
          locale={{ emptyText: '—' }}
          columns={[
            {
              title: t('designer.units.groupName'), key: 'name',
              render: (_: unknown, g: { name: string; i: number }) => (
                <>
                  <Input value={g.name} onChange={(e) => update((d) => { d.groups[g.i].name = e.target.value; })} style={{ maxWidth: 300 }} />
                  <InlineIssues path={`groups[${g.i}]`} />
                </>
              ),
            },
            { title: t('designer.units.units', { count: 0 }).replace(/[（(].*$/, ''), key: 'n', width: 120, render: (_: unknown, g: { id: string }) => draft.units.filter((u) => u.group === g.id).length },
            {
              key: 'x', width: 60,
              render: (_: unknown, g: { id: string; i: number }) => (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.units.remove')}
                  onClick={() => update((d) => { d.groups.splice(g.i, 1); })} />
              ),
            },
          ]}
        />
        <InlineIssues path="groups" exact />
        <Space style={{ marginTop: 8 }}>
          <Input value={groupName} placeholder={t('designer.units.groupName')} onChange={(e) => setGroupName(e.target.value)} onPressEnter={addGroup} data-testid="group-name" />
          <Button icon={<PlusOutlined />} onClick={addGroup} data-testid="group-add">{t('designer.units.addGroup')}</Button>
        </Space>
      </Card>

      <Card
        size="small"
        title={personCampaign ? t('designer.units.persons', { count: draft.units.length }) : t('designer.units.units', { count: draft.units.length })}
        extra={personCampaign ? undefined : <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} data-testid="units-import">{t('designer.units.import')}</Button>}
      >
        <Table<DUnit & { i: number }>
          size="small"
          rowKey="id"
          pagination={draft.units.length > 50 ? { pageSize: 50 } : false}
          dataSource={draft.units.map((u, i) => ({ ...u, i }))}
          data-testid="units-table"
          locale={{ emptyText: personCampaign ? t('designer.units.nonePersons') : t('designer.units.none') }}
          columns={[
            {
              title: personCampaign ? t('designer.units.personName') : t('designer.units.unitName'), key: 'name',
              render: (_: unknown, u: DUnit & { i: number }) => (
                <>
                  <Input value={u.name} onChange={(e) => update((d) => { d.units[u.i].name = e.target.value; })} style={{ maxWidth: 300 }} />
                  <InlineIssues path={`units[${u.i}]`} />
                </>
              ),
            },
            ...(personCampaign ? [{
              title: t('designer.units.personOf'), key: 'personOf',
              render: (_: unknown, u: DUnit) => {
                const p = personOf(u);
                return p ? `${p.unit} · ${t(`people.post.${p.post}`)}` : <Tag>{t('designer.units.notLinked')}</Tag>;
              },
            }] : []),
            {
              title: t('designer.units.group'), key: 'group', width: 200,
              render: (_: unknown, u: DUnit & { i: number }) => (
                <Select value={u.group} options={groupOptions} style={{ width: 180 }} onChange={(v) => update((d) => { d.units[u.i].group = v; })} />
              ),
            },
            {
              title: t('designer.units.pairs'), key: 'pairs',
              render: (_: unknown, u: DUnit) => draft.pairs.filter((p) => p.units.includes(u.id)).map((p) => (
                <Tag key={p.id}>{p.units.filter((x) => x !== u.id).map(unitName_).join('、')}</Tag>
              )),
            },
            {
              key: 'x', width: 60,
              render: (_: unknown, u: DUnit) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.units.remove')} onClick={() => removeUnit(u.id)} />,
            },
          ]}
        />
        <InlineIssues path="units" exact />
        {personCampaign ? (
          <Space style={{ marginTop: 8 }} wrap>
            <Select<number>
              showSearch
              optionFilterProp="label"
              value={personPick}
              onChange={setPersonPick}
              placeholder={t('designer.units.pickPerson')}
              style={{ minWidth: 280 }}
              loading={register.loading}
              data-testid="person-pick"
              options={persons.filter((p) => !draft.units.some((u) => u.person === p.id)).map((p) => ({ value: p.id, label: `${p.name}（${p.unit} · ${t(`people.post.${p.post}`)}）` }))}
            />
            <Select value={unitGroup ?? draft.groups[0]?.id} options={groupOptions} style={{ width: 160 }} onChange={setUnitGroup} />
            <Button icon={<PlusOutlined />} onClick={addPerson} disabled={draft.groups.length === 0 || personPick === undefined} data-testid="person-add-unit">{t('designer.units.addPerson')}</Button>
          </Space>
        ) : (
          <Space style={{ marginTop: 8 }} wrap>
            <Input value={unitName} placeholder={t('designer.units.unitName')} onChange={(e) => setUnitName(e.target.value)} onPressEnter={addUnit} data-testid="unit-name" />
            <Select value={unitGroup ?? draft.groups[0]?.id} options={groupOptions} style={{ width: 160 }} onChange={setUnitGroup} />
            <Button icon={<PlusOutlined />} onClick={addUnit} disabled={draft.groups.length === 0} data-testid="unit-add">{t('designer.units.addUnit')}</Button>
          </Space>
        )}
      </Card>

      <Card size="small" title={t('designer.units.pairList', { count: draft.pairs.length })}>
        {draft.pairs.length === 0 && <span>{t('designer.units.noPairs')}</span>}
        <Space wrap data-testid="pairs-list">
          {draft.pairs.map((p: DPair, i) => (
            <Tag key={`${p.id}-${i}`} closable onClose={() => update((d) => { d.pairs.splice(i, 1); })}>
              {p.units.map(unitName_).join(' — ')}
              <InlineIssues path={`pairs[${i}]`} />
            </Tag>
          ))}
        </Space>
        <Space style={{ marginTop: 8, display: 'flex' }} wrap>
          <Select
            mode="multiple"
            value={pairPick}
            onChange={setPairPick}
            placeholder={personCampaign ? t('designer.units.personPairPick') : t('designer.units.pairPick')}
            style={{ minWidth: 320 }}
            options={draft.groups.map((g) => ({ label: g.name, options: draft.units.filter((u) => u.group === g.id).map((u) => ({ value: u.id, label: u.name })) }))}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={pairPick.length < 2}
            onClick={() => {
              update((d) => {
                const taken = new Set(d.pairs.map((p) => p.id));
                let n = d.pairs.length + 1;
                while (taken.has(`pair-${n}`)) n++;
                d.pairs.push({ id: `pair-${n}`, units: pairPick });
              });
              setPairPick([]);
            }}
          >
            {t('designer.units.addPair')}
          </Button>
        </Space>
      </Card>

      <Modal open={importing} onCancel={() => setImporting(false)} footer={null} width={820} title={t('designer.units.importTitle')} destroyOnHidden>
        <p>{t('designer.units.importHint')}</p>
        <SheetImport
          testid="units-sheet"
          uploadLabel={t('designer.units.import')}
          pastePlaceholder={t('designer.units.pastePlaceholder')}
          check={(rows) => importUnits(rows, draft.groups)}
          applyLabel={(n) => t('designer.units.confirmReplace', { count: n })}
          onApply={(rows) => {
            const r = importUnits(rows, draft.groups);
            update((d) => {
              d.units = r.units;
              d.pairs = r.pairs;
            });
            setImporting(false);
          }}
        />
      </Modal>
    </Space>
  );
}
