// A figure's evidence files (佐证材料): each a download link (the server sends it as an attachment
// to those who may read the figure); with `onAttach`/`onRemove`, also attaching and removing. The
// server checks the type by content, the size and the number of files; its refusal is shown.
import { useState } from 'react';
import { App as AntApp, Button, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../api/endpoints.ts';
import type { Evidence } from '../api/types.ts';

const MAX_FILES = 5;

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

type EvidenceFile = Pick<Evidence, 'id' | 'filename' | 'size'> & Partial<Pick<Evidence, 'uploadedBy' | 'uploadedAt'>>;

export function EvidenceList({ files, testKey, hrefOf, onAttach, onRemove }: {
  files: EvidenceFile[];
  /** data-evidence-for on the list: "unit/indicator" */
  testKey: string;
  /** where a file is downloaded (default: a figure's evidence) */
  hrefOf?: (f: EvidenceFile) => string;
  onAttach?: (file: File) => Promise<void>;
  onRemove?: (id: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);

  const attach = async (file: File) => {
    if (!onAttach) return;
    setBusy(true);
    try {
      await onAttach(file);
      message.success(t('form.attached', { name: file.name }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    if (!onRemove) return;
    try {
      await onRemove(id);
      message.success(t('form.removed'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="evidence-list" data-evidence-for={testKey}>
      {files.map((f) => (
        <div key={f.id} className="evidence-item">
          <PaperClipOutlined />
          <Typography.Link href={hrefOf ? hrefOf(f) : evidenceUrl(f.id)} download={f.filename} data-evidence={f.id} title={f.uploadedBy ? `${f.uploadedBy} · ${f.uploadedAt}` : undefined}>
            {f.filename}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sizeText(f.size)}</Typography.Text>
          {onRemove && (
            <Popconfirm title={t('form.confirmRemove', { name: f.filename })} onConfirm={() => remove(f.id)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('form.removeEvidence')} data-remove-evidence={f.id} />
            </Popconfirm>
          )}
        </div>
      ))}
      {onAttach && files.length < MAX_FILES && (
        <Space size={8} wrap>
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.ofd"
            beforeUpload={(file) => {
              void attach(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-attach-evidence={testKey}>{t('form.attach')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('form.attachHint')}</Typography.Text>
        </Space>
      )}
    </div>
  );
}
