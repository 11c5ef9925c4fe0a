// 批量创建账号: pick the campaign, download its template (姓名、账号、手机、单位、角色、负责指标 with lists),
// upload the filled sheet, read the preview — every wrong cell by row and column — and create all
// the rows at once (or none: the server refuses the lot and says why).
import { useState } from 'react';
import { Alert, Button, Modal, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { accountTemplateUrl, createAccounts, previewAccounts, rowErrorsOf, type BulkPreview, type IssuedAccount, type RowError } from '../../api/accounts.ts';
import type { CampaignInfo } from './catalog.ts';

export function BulkImport({ open, campaigns, onClose, onCreated }: {
  open: boolean;
  /** the campaigns the user manages */
  campaigns: CampaignInfo[];
  onClose: () => void;
  onCreated: (accounts: IssuedAccount[]) => void;
}) {
  const { t } = useTranslation();
  const [campaignId, setCampaignId] = useState<string | undefined>(campaigns[0]?.id);
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = campaignId ?? campaigns[0]?.id;

  const reset = () => { setPreview(null); setErrors([]); setError(null); };

  const upload = async (file: File) => {
    if (!chosen) return;
    reset();
    setBusy(true);
    try {
      const p = await previewAccounts(chosen, file);
      setPreview(p);
      setErrors(p.errors);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!chosen || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const { accounts } = await createAccounts(chosen, preview.rows);
      reset();
      onCreated(accounts);
    } catch (e) {
      setError(`${t('accounts.bulkForm.refused')}${e instanceof Error ? e.message : String(e)}`);
      setErrors(rowErrorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const wrongRows = new Set(errors.map((e) => e.row));
  const step = preview ? (errors.length === 0 ? 3 : 2) : 1;
  return (
    <Modal open={open} width={960} title={t('accounts.bulkForm.title')} onCancel={() => { reset(); onClose(); }} footer={null} destroyOnHidden>
      <Steps size="small" current={step} style={{ marginBottom: 16 }}
        items={[{ title: t('accounts.bulkForm.step1') }, { title: t('accounts.bulkForm.step2') }, { title: t('accounts.bulkForm.step3') }, { title: t('accounts.bulkForm.step4') }]} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('accounts.bulkForm.campaign')}</span>
        <Select style={{ minWidth: 260 }} value={chosen} onChange={(v) => { setCampaignId(v); reset(); }} options={campaigns.map((c) => ({ value: c.id, label: c.name }))} data-testid="bulk-campaign" />
        <Button icon={<DownloadOutlined />} href={chosen ? accountTemplateUrl(chosen) : undefined} disabled={!chosen} data-testid="bulk-template">{t('accounts.bulkForm.template')}</Button>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy && !preview} disabled={!chosen} data-testid="bulk-upload">{t('accounts.bulkForm.upload')}</Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary">{t('accounts.bulkForm.campaignHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="bulk-error" />}
      {errors.length > 0 && (
        <>
          <Alert type="error" showIcon title={t('accounts.bulkForm.errors', { count: errors.length })} style={{ marginBottom: 8 }} />
          <Table<RowError> size="small" rowKey={(e) => `${e.row}-${e.column}-${e.message}`} dataSource={errors} pagination={false} data-testid="bulk-errors" style={{ marginBottom: 12 }}
            columns={[
              { title: t('accounts.bulkForm.row'), dataIndex: 'row', width: 80, render: (r: number) => t('accounts.bulkForm.rowAt', { row: r }) },
              { title: t('accounts.bulkForm.column'), dataIndex: 'column', width: 120 },
              { title: t('accounts.bulkForm.problem'), dataIndex: 'message' },
            ]} />
        </>
      )}
      {preview && (
        <>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text>{t('accounts.bulkForm.rows', { count: preview.rows.length })}</Typography.Text>
            {errors.length === 0 && <Tag color="green">{t('accounts.bulkForm.noErrors')}</Tag>}
          </Space>
          <Table size="small" rowKey="row" dataSource={preview.rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="bulk-preview"
            rowClassName={(r) => (wrongRows.has(r.row) ? 'row-wrong' : '')}
            columns={[
              { title: t('accounts.bulkForm.row'), dataIndex: 'row', width: 60 },
              { title: t('accounts.col.name'), dataIndex: 'displayName' },
              { title: t('accounts.col.username'), dataIndex: 'username', render: (u: string, r) => <>{u} {r.generated && <Tag>{t('accounts.bulkForm.generated')}</Tag>}</> },
              { title: t('accounts.col.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '' },
              { title: t('accounts.form.role'), dataIndex: 'role', render: (r: string) => t(`accounts.role.${r}`) },
              { title: t('accounts.form.units'), dataIndex: 'unitNames', render: (n: string[]) => n.join('、') },
              { title: t('accounts.form.indicators'), dataIndex: 'indicatorNames', render: (n: string[]) => n.join('、') },
            ]} />
          <Button type="primary" style={{ marginTop: 12 }} disabled={errors.length > 0 || preview.rows.length === 0} loading={busy} onClick={() => void confirm()} data-testid="bulk-confirm">
            {t('accounts.bulkForm.confirm', { count: preview.rows.length })}
          </Button>
        </>
      )}
    </Modal>
  );
}
