// 版本记录: every saved version of the campaign's spec — who saved it (by name), when, and what
// changed since the one before, in sentences; any version can be read in full.
import { useState } from 'react';
import { Button, Modal, Table, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCampaign, getVersion, getVersions, type SpecVersion } from '../api/endpoints.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { dateTime } from '../lib/format.ts';
import { fromYaml } from '../designer/doc.ts';
import { diffSpecs, type Change } from '../designer/diff.ts';

interface Row extends SpecVersion {
  specText: string;
  changes: Change[] | null;
}

export function VersionsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const [viewing, setViewing] = useState<Row | null>(null);
  const campaign = useAsync(() => getCampaign(id), [id]);
  const versions = useAsync(async (): Promise<Row[]> => {
    const { versions: list } = await getVersions(id);
    const texts = await Promise.all(list.map((v) => getVersion(id, v.version).then((r) => r.version.specText)));
    return list.map((v, i) => {
      const before = i > 0 ? fromYaml(texts[i - 1]) : null;
      const after = fromYaml(texts[i]);
      return { ...v, specText: texts[i], changes: before && after ? diffSpecs(before, after) : null };
    }).reverse();
  }, [id]);
  const current = campaign.data?.campaign.version;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('designer.history.title') }];

  return (
    <Page crumbs={crumbs} title={t('designer.history.title')}>
      <CampaignNav campaignId={id} active="versions" />
      {versions.error ? <ErrorResult error={versions.error} onRetry={versions.reload} /> : (
        <Table<Row>
          rowKey="version"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          pagination={false}
          data-testid="versions-table"
          columns={[
            { title: t('designer.history.version'), key: 'v', width: 110, render: (_: unknown, v: Row) => <>v{v.version} {v.version === current && <Tag color="green">{t('designer.history.current')}</Tag>}</> },
            { title: t('designer.history.who'), key: 'who', width: 160, render: (_: unknown, v: Row) => v.createdByName ?? v.createdBy ?? '—' },
            { title: t('designer.history.when'), key: 'when', width: 180, render: (_: unknown, v: Row) => dateTime(v.createdAt) },
            {
              title: t('designer.history.what'), key: 'what',
              render: (_: unknown, v: Row) => v.changes === null ? t('designer.history.first') : v.changes.length === 0 ? t('designer.diff.none') : (
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={`version-${v.version}-changes`}>
                  {v.changes.map((c) => <li key={c.zh}>{lang === 'en' ? c.en : c.zh}</li>)}
                </ul>
              ),
            },
            { key: 'view', width: 90, render: (_: unknown, v: Row) => <Button size="small" onClick={() => setViewing(v)}>{t('designer.history.view')}</Button> },
          ]}
        />
      )}
      <Modal open={viewing !== null} onCancel={() => setViewing(null)} footer={null} width={900} title={viewing ? t('designer.history.viewTitle', { version: viewing.version }) : ''}>
        <pre className="spec-view" style={{ maxHeight: '70vh', overflow: 'auto', background: '#fafafa', padding: 12 }}>{viewing?.specText}</pre>
      </Modal>
    </Page>
  );
}
