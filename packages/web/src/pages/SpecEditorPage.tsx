// 导入/新建 and 编辑 of a campaign spec. The text goes to the API as is; the engine validates it
// there. On 422 `spec_invalid` every issue is listed and marked on its line, and nothing is
// stored, so the user fixes the text and tries again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, List, Space, Tag, Typography, Upload } from 'antd';
import { SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createCampaign, getCampaign, getPeriods, updateSpec } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import type { Issue } from '../api/types.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { SpecTextEditor, type SpecTextEditorHandle } from '../components/SpecTextEditor.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEditCampaigns } from '../lib/permissions.ts';

export function SpecEditorPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const editor = useRef<SpecTextEditorHandle>(null);

  const existing = useAsync(() => (id ? getCampaign(id) : Promise.resolve(null)), [id ?? '']);
  // a new version recomputes the whole year (the engine evaluates a year under one spec), periods
  // already in verification or closed included: say so before the organizer saves
  const periods = useAsync(() => (id ? getPeriods(id) : Promise.resolve(null)), [id ?? '']);
  const settled = (periods.data?.periods ?? []).filter((p) => p.state !== 'open' && p.state !== 'unopened').map((p) => p.period);
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (existing.data) setText(existing.data.specText);
  }, [existing.data]);

  const issueLines = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const i of issues) {
      if (i.line === undefined) continue;
      m.set(i.line, [...(m.get(i.line) ?? []), lang === 'en' ? i.message : i.messageZh]);
    }
    return m;
  }, [issues, lang]);

  const { refresh, user } = useAuth();
  const submit = async () => {
    setIssues([]);
    setError(null);
    if (!text.trim()) {
      setError(t('spec.empty'));
      return;
    }
    setBusy(true);
    try {
      const r = id ? await updateSpec(id, text) : await createCampaign(text);
      // a new campaign is one more the user organizes: ask for their roles per campaign again
      if (!id) await refresh();
      void message.success(id ? t('spec.saved') : t('spec.created'));
      navigate(`/campaigns/${encodeURIComponent(r.campaign.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) setIssues(e.issues);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('spec.editTitle') : t('spec.newTitle');
  const crumbs = editing
    ? [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: existing.data?.campaign.name ?? id, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('nav.spec') }]
    : [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: t('nav.newCampaign') }];

  if (existing.error) return <Page crumbs={crumbs} title={title}><ErrorResult error={existing.error} /></Page>;

  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={
        // a campaign of an organization below (the county organizer reading a town's): read-only
        (editing && !canEditCampaigns(user, id)) ? undefined : <Space>
          <Upload
            accept=".yaml,.yml,.json,.txt"
            showUploadList={false}
            beforeUpload={(file) => {
              // read the file into the editor: the user sees exactly what will be sent
              void file.text().then((s) => {
                setText(s);
                setIssues([]);
                setError(null);
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="spec-upload">{t('spec.upload')}</Button>
          </Upload>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void submit()} data-testid="spec-submit">
            {editing ? t('spec.save') : t('spec.create')}
          </Button>
        </Space>
      }
    >
      {editing && <CampaignNav campaignId={id} active="spec" />}
      {settled.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="spec-recompute-warning" title={t('spec.recomputeWarning', { periods: settled.join(lang === 'en' ? ', ' : '、') })} />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="spec-error"
          title={issues.length > 0 ? t('spec.issuesTitle', { count: issues.length }) : error}
          description={issues.length > 0 ? error : undefined}
        />
      )}
      <Card size="small" title={<Typography.Text type="secondary">{t('spec.paste')}</Typography.Text>} extra={t('spec.lines', { count: text.split('\n').length })}>
        <SpecTextEditor ref={editor} value={text} onChange={setText} issueLines={issueLines} />
      </Card>
      {issues.length > 0 && (
        <Card size="small" style={{ marginTop: 12 }}>
          <List
            className="spec-issues"
            data-testid="spec-issues"
            size="small"
            dataSource={issues}
            renderItem={(i) => (
              <List.Item onClick={() => i.line !== undefined && editor.current?.goToLine(i.line)} data-line={i.line}>
                <Space align="start">
                  <Tag color="red">{i.line !== undefined ? t('spec.line', { line: i.line }) : t('spec.noLine')}</Tag>
                  {i.path && <Typography.Text code>{i.path}</Typography.Text>}
                  <span>{lang === 'en' ? i.message : i.messageZh}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Page>
  );
}
