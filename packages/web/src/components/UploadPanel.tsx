// 批量导入 on the data-entry page: download the period template (the server decides what the
// caller may fill), upload it or the long format, look at the preview (nothing is stored yet),
// then confirm — or, when the file has problems, download the error workbook and fix it.
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { CheckOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HTMLAttributes } from 'react';
import { ApiError } from '../api/client.ts';
import { confirmUpload, templateUrl, uploadErrorsUrl, uploadFigures } from '../api/endpoints.ts';
import type { CampaignModel, Issue, UploadPreview, UploadRow } from '../api/types.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';

const STATUS_COLOR = { new: 'green', changed: 'orange', same: 'default' } as const;
const keyOf = (r: { unit: string; indicator: string; period: string }) => `${r.unit}/${r.indicator}/${r.period}`;

export function UploadPanel({ campaignId, period, model, canUpload, onSaved }: {
  campaignId: string;
  period: string;
  model: CampaignModel;
  canUpload: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { lang } = useLang();
  // an issue in the interface's language (the API gives both)
  const issueText = (i: Issue) => (lang === 'en' ? i.message : i.messageZh);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewPeriod, setPreviewPeriod] = useState(period);
  // explanations typed in the preview (over the file's 情况说明), by figure
  const [notes, setNotes] = useState<Record<string, string>>({});
  // a preview belongs to the period it was uploaded for: switching periods drops it
  if (previewPeriod !== period) {
    setPreviewPeriod(period);
    setPreview(null);
    setError(null);
  }

  const unitName = new Map(model.units.map((u) => [u.id, u.name]));
  const indicatorName = new Map(model.indicators.map((i) => [i.id, i.name]));

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setPreview(null);
    setNotes({});
    try {
      setPreview(await uploadFigures(campaignId, period, file));
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues.map(issueText).join(lang === 'en' ? '; ' : '；') : '';
      setError((e instanceof Error ? e.message : String(e)) + (issues ? (lang === 'en' ? `: ${issues}` : `：${issues}`) : ''));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const explanations = preview.rows.filter((r) => noteOf(r).trim() !== '' && (r.needsExplanation || notes[keyOf(r)] !== undefined))
        .map((r) => ({ unit: r.unit, indicator: r.indicator, period: r.period, explanation: noteOf(r).trim() }));
      const r = await confirmUpload(preview.uploadId, explanations);
      void message.success(t('upload.saved', { saved: r.saved, unchanged: r.unchanged }));
      setPreview(null);
      onSaved();
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues.map(issueText).join(lang === 'en' ? '; ' : '；') : '';
      setError((e instanceof Error ? e.message : String(e)) + (issues ? (lang === 'en' ? `: ${issues}` : `：${issues}`) : ''));
    } finally {
      setBusy(false);
    }
  };

  const noteOf = (r: UploadRow) => notes[keyOf(r)] ?? r.explanation ?? '';
  const invalid = preview ? preview.counts.invalid > 0 || preview.issues.length > 0 : false;
  // the explanation rule (as in the form): confirm waits until every marked figure has one
  const unexplained = preview?.rows.filter((r) => r.needsExplanation && noteOf(r).trim() === '').length ?? 0;
  const withNotes = preview?.rows.some((r) => r.needsExplanation || r.explanation) ?? false;
  const rowNumbers = new Set(preview?.rows.map((r) => r.row) ?? []);
  // problems that belong to no previewed figure (e.g. an unknown unit): listed above the table
  const looseIssues = preview?.issues.filter((i) => i.row === undefined || !rowNumbers.has(i.row)) ?? [];
  const changes = preview ? preview.counts.new + preview.counts.changed : 0;

  return (
    <Card size="small" title={t('upload.title')} style={{ marginBottom: 12 }} data-testid="upload-panel">
      <Space wrap style={{ marginBottom: preview || error ? 12 : 0 }}>
        <Button icon={<DownloadOutlined />} href={templateUrl(campaignId, period)} data-testid="upload-template">
          {t('upload.template')}
        </Button>
        {canUpload && (
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy && !preview} data-testid="upload-file">{t('upload.upload')}</Button>
          </Upload>
        )}
        <Typography.Text type="secondary">{t('upload.hint')}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="upload-error" />}
      {preview && (
        <div data-testid="upload-preview" data-valid={invalid ? 'false' : 'true'}>
          <Space wrap style={{ marginBottom: 8 }} data-testid="upload-counts">
            <Typography.Text strong>{preview.filename}</Typography.Text>
            <Tag color="green">{t('upload.status.new')} {preview.counts.new}</Tag>
            <Tag color="orange">{t('upload.status.changed')} {preview.counts.changed}</Tag>
            <Tag>{t('upload.status.same')} {preview.counts.same}</Tag>
            <Tag color={invalid ? 'red' : 'default'}>{t('upload.invalid')} {preview.counts.invalid}</Tag>
          </Space>
          {invalid ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('upload.hasIssues', { count: preview.issues.length })}
              description={
                <Space orientation="vertical" size={4}>
                  {looseIssues.map((i, k) => (
                    <Typography.Text key={k} type="danger" data-testid="upload-loose-issue">
                      {i.row !== undefined ? `${t('upload.rowN', { row: i.row })} ` : ''}{(lang === 'en' ? i.detail : i.detailZh) ?? issueText(i)}
                    </Typography.Text>
                  ))}
                  <a href={uploadErrorsUrl(preview.uploadId)} data-testid="upload-errors"><DownloadOutlined /> {t('upload.errors')}</a>
                </Space>
              }
            />
          ) : (
            <Space orientation="vertical" style={{ display: 'flex', marginBottom: 8 }}>
              {unexplained > 0 && (
                <Alert type="warning" showIcon title={t('upload.needsExplanation', { count: unexplained })} data-testid="upload-needs-explanation" />
              )}
              <Space>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={unexplained > 0} onClick={() => void confirm()} data-testid="upload-confirm">
                  {t('upload.confirm')}
                </Button>
                <Button onClick={() => setPreview(null)} disabled={busy}>{t('upload.cancel')}</Button>
                <Typography.Text type="secondary">{t('upload.willSave', { count: changes })}</Typography.Text>
              </Space>
            </Space>
          )}
          <Table<UploadRow>
            size="small"
            bordered
            rowKey={(r) => `${r.row}/${r.column ?? ''}/${r.unit}/${r.indicator}`}
            dataSource={preview.rows}
            pagination={preview.rows.length > 50 ? { pageSize: 50 } : false}
            data-testid="upload-rows"
            onRow={(r) => ({
              'data-row': r.row, 'data-column': r.column ?? '', 'data-status': r.status, 'data-invalid': r.issue ? 'true' : 'false',
              'data-needs-explanation': r.needsExplanation ? r.needsExplanation.code : '',
            } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('upload.row'), key: 'row', width: 90, render: (_: unknown, r) => `${r.row}${r.column ? ` · ${r.column}` : ''}` },
              { title: t('board.unit'), key: 'unit', render: (_: unknown, r) => unitName.get(r.unit) ?? r.unit },
              { title: t('upload.indicator'), key: 'indicator', render: (_: unknown, r) => indicatorName.get(r.indicator) ?? r.indicator },
              { title: t('upload.value'), dataIndex: 'value', key: 'value', align: 'right' },
              {
                title: t('upload.statusCol'), key: 'status', width: 90,
                render: (_: unknown, r) => <Tag color={STATUS_COLOR[r.status]} data-testid="upload-status">{t(`upload.status.${r.status}`)}</Tag>,
              },
              {
                title: t('upload.problem'), key: 'issue',
                render: (_: unknown, r) => r.issue
                  ? <Typography.Text type="danger" data-testid="upload-issue">{r.issue}</Typography.Text>
                  : r.needsExplanation ? <Typography.Text type="warning" data-testid="upload-need">{r.needsExplanation.message}</Typography.Text> : null,
              },
              ...(withNotes && !invalid ? [{
                title: t('upload.explanation'), key: 'explanation', width: 280,
                render: (_: unknown, r: UploadRow) => (r.needsExplanation || r.explanation || notes[keyOf(r)] !== undefined) && r.status !== 'same' ? (
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={500}
                    value={noteOf(r)}
                    status={r.needsExplanation && noteOf(r).trim() === '' ? 'warning' : undefined}
                    placeholder={t('form.explanationPlaceholder')}
                    onChange={(e) => setNotes((n) => ({ ...n, [keyOf(r)]: e.target.value }))}
                    data-testid="upload-explanation"
                    data-figure={keyOf(r)}
                  />
                ) : null,
              }] : []),
            ]}
          />
        </div>
      )}
    </Card>
  );
}
