// Accountability from the ledgers (issue 16): a button that opens a case — for a commitment not kept, an
// overdue milestone, or the year-end accounting of both — with the campaign's case kinds and an optional
// due date, and the tag of a case already opened (its number, a link to it).
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCaseSettings } from '../api/cases.ts';
import type { CaseOptions } from '../api/ledgers.ts';
import { useAsync } from '../hooks/useAsync.ts';

export function CaseTag({ campaignId, c }: { campaignId: string; c: { id: number; number: string; state: string } | null }) {
  const { t } = useTranslation();
  if (!c) return null;
  return (
    <Link to={`/campaigns/${encodeURIComponent(campaignId)}/cases/${c.id}`} data-testid="ledger-case" data-case={c.id}>
      <Tag color="volcano">{t('ledgerCase.opened', { number: c.number })}</Tag>
    </Link>
  );
}

export function OpenCaseButton({ campaignId, label, testId, onOpen, size }: {
  campaignId: string; label: string; testId: string; onOpen: (o: CaseOptions) => Promise<unknown>; size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: string; due?: string; requirement?: string }>();
  const settings = useAsync(() => (open ? getCaseSettings(campaignId) : Promise.resolve(null)), [campaignId, open]);
  const kinds = settings.data?.settings.kinds ?? [];
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onOpen({ kind: v.kind, due: v.due || undefined, requirement: v.requirement?.trim() || undefined });
      setOpen(false);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger size={size} onClick={() => setOpen(true)} data-testid={testId}>{label}</Button>
      {open && (
        <Modal open title={label} onCancel={() => setOpen(false)} onOk={() => void send()} confirmLoading={busy} okText={t('ledgerCase.open')}
          okButtonProps={{ disabled: kinds.length === 0, 'data-testid': 'ledger-case-send' } as React.ComponentProps<typeof Button>}>
          <Form form={form} layout="vertical">
            <Form.Item name="kind" label={t('ledgerCase.kind')} rules={[{ required: true, message: t('ledgerCase.kindRequired') }]}>
              <Select loading={settings.loading} options={kinds.map((k) => ({ value: k.id, label: k.name }))} data-testid="ledger-case-kind" />
            </Form.Item>
            <Form.Item name="due" label={t('ledgerCase.due')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder={t('ledgerCase.dueHint')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="requirement" label={t('ledgerCase.requirement')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
