// The lobby big screen's links (organizer): each is a secret URL that opens /screen/:secret without
// signing in. The server keeps only a hash of the secret, so the URL is shown once, right after it
// is made, with a copy button; a leaked or retired link is revoked here.
import { useState, type HTMLAttributes } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DesktopOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { createKioskToken, listKioskTokens, revokeKioskToken } from '../api/endpoints.ts';
import type { KioskToken } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { dateTime } from '../lib/format.ts';

export const screenUrl = (secret: string) => `${window.location.origin}/screen/${encodeURIComponent(secret)}`;

export function KioskTokensCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const tokens = useAsync(() => listKioskTokens(campaignId), [campaignId]);
  const [form] = Form.useForm<{ label: string }>();
  const [busy, setBusy] = useState<string | null>(null);
  const [created, setCreated] = useState<{ label: string; url: string } | null>(null);

  const create = async ({ label }: { label: string }) => {
    setBusy('create');
    try {
      const r = await createKioskToken(campaignId, label.trim());
      setCreated({ label: r.token.label, url: screenUrl(r.secret) });
      form.resetFields();
      tokens.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const revoke = async (tk: KioskToken) => {
    setBusy(`revoke/${tk.id}`);
    try {
      await revokeKioskToken(tk.id);
      message.success(t('kiosk.revoked'));
      tokens.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={<Space><DesktopOutlined />{t('kiosk.title')}</Space>} data-testid="kiosk-card">
      <Form form={form} layout="inline" onFinish={(v) => void create(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="label" rules={[{ required: true, whitespace: true, message: t('kiosk.labelRequired') }]}>
          <Input placeholder={t('kiosk.labelPlaceholder')} style={{ width: 220 }} data-testid="kiosk-label" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy === 'create'} data-testid="kiosk-create">{t('kiosk.create')}</Button>
      </Form>
      <Table<KioskToken>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tokens.data?.tokens ?? []}
        loading={!tokens.data && !tokens.error}
        locale={{ emptyText: t('kiosk.empty') }}
        data-testid="kiosk-tokens"
        onRow={(tk) => ({ 'data-token': tk.id, 'data-revoked': tk.revokedAt ? 'true' : 'false' } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('kiosk.label'), dataIndex: 'label' },
          { title: t('kiosk.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => dateTime(v) },
          {
            title: t('kiosk.status'), key: 'status', width: 190,
            render: (_: unknown, tk) => tk.revokedAt
              ? <Tag>{t('kiosk.revokedAt', { time: dateTime(tk.revokedAt) })}</Tag>
              : <Tag color="green">{t('kiosk.active')}</Tag>,
          },
          {
            title: '', key: 'revoke', width: 80,
            render: (_: unknown, tk) => !tk.revokedAt && (
              <Popconfirm title={t('kiosk.revoke')} description={<div style={{ maxWidth: 280 }}>{t('kiosk.confirmRevoke')}</div>}
                onConfirm={() => revoke(tk)} okButtonProps={{ danger: true, 'data-testid': 'confirm-revoke' }}>
                <Button size="small" danger loading={busy === `revoke/${tk.id}`} data-testid="kiosk-revoke">{t('kiosk.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={created !== null}
        title={t('kiosk.createdTitle', { label: created?.label ?? '' })}
        onCancel={() => setCreated(null)}
        footer={<Button type="primary" onClick={() => setCreated(null)} data-testid="kiosk-created-close">{t('kiosk.done')}</Button>}
      >
        <Alert type="warning" showIcon title={t('kiosk.createdHint')} style={{ marginBottom: 12 }} />
        {created && (
          <Typography.Paragraph copyable={{ text: created.url, tooltips: [t('kiosk.copy'), t('kiosk.copied')] }} style={{ wordBreak: 'break-all' }}>
            <a href={created.url} target="_blank" rel="noreferrer" data-testid="kiosk-url">{created.url}</a>
          </Typography.Paragraph>
        )}
      </Modal>
    </Card>
  );
}
