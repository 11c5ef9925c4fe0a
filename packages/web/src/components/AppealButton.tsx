// 申诉 from the unit page: a unit's reporter (or an organizer) appeals the unit's published score
// of a period, optionally naming an indicator, with a reason; the organizer decides on the
// corrections and appeals page.
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { fileAppeal } from '../api/endpoints.ts';
import type { ModelIndicator } from '../api/types.ts';

export function AppealButton({ campaignId, unit, unitName, period, indicators }: {
  campaignId: string; unit: string; unitName: string; period: string; indicators: ModelIndicator[];
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ indicator?: string; reason: string }>();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await fileAppeal(campaignId, { unit, period, indicator: v.indicator || undefined, reason: v.reason.trim() });
      message.success(t('requests.appealSent'));
      setOpen(false);
      form.resetFields();
      void navigate(`/campaigns/${encodeURIComponent(campaignId)}/requests`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<FlagOutlined />} onClick={() => setOpen(true)} data-testid="appeal-open">{t('requests.fileAppeal')}</Button>
      <Modal
        open={open}
        title={t('requests.appealTitle', { unit: unitName, period })}
        okText={t('requests.fileAppeal')}
        okButtonProps={{ loading: busy, 'data-testid': 'appeal-ok' }}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="indicator" label={t('requests.appealIndicator')}>
            <Select allowClear options={indicators.map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('requests.appealReason')} rules={[{ required: true, whitespace: true, message: t('requests.appealReasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="appeal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
