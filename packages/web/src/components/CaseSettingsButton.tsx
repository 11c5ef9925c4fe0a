// 问责设置 (issue 15): the organizer's settings of a campaign's accountability — the document
// kinds in escalation order with their names, number formats (〔{year}〕督字第{n}号) and days to
// handle, how many days before the due date a case counts as nearing (and reminds the unit), and
// whether public pages show accountability at all. A kind cases were issued as cannot be removed
// (the server says so).
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { getCaseSettings, putCaseSettings, type CaseSettings } from '../api/cases.ts';

export function CaseSettingsButton({ campaignId, onSaved }: { campaignId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CaseSettings>();

  const show = async () => {
    try {
      const { settings } = await getCaseSettings(campaignId);
      form.resetFields();
      form.setFieldsValue(settings);
      setOpen(true);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await putCaseSettings(campaignId, { ...v, kinds: v.kinds.map((k) => ({ ...k, actions: k.actions ?? [] })) });
      message.success(t('review.settings.saved'));
      setOpen(false);
      onSaved();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, whitespace: true, message: t('review.settings.required') };

  return (
    <>
      <Button onClick={show} data-testid="case-settings">{t('review.settings.open')}</Button>
      <Modal open={open} width={820} title={t('review.settings.title')} okText={t('review.settings.save')} cancelText={t('review.settings.cancel')} confirmLoading={busy}
        onCancel={() => setOpen(false)} onOk={save} okButtonProps={{ 'data-testid': 'case-settings-ok' }}>
        <Form form={form} layout="vertical" data-testid="case-settings-form">
          <Form.List name="kinds">
            {(fields, { add, remove }) => (
              <Form.Item label={t('review.settings.kinds')}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap data-testid="case-kind-row">
                      <Form.Item name={[f.name, 'id']} rules={[{ ...required, pattern: /^[a-z][a-z0-9_-]{0,31}$/ }]} noStyle><Input placeholder={t('review.settings.id')} style={{ width: 120 }} disabled={!!form.getFieldValue(['kinds', f.name, 'actions'])?.length} /></Form.Item>
                      <Form.Item name={[f.name, 'name']} rules={[required]} noStyle><Input placeholder={t('review.settings.name')} style={{ width: 140 }} data-testid="kind-name" /></Form.Item>
                      <Form.Item name={[f.name, 'numberFormat']} rules={[required, { pattern: /\{n\}/, message: t('review.settings.formatHint') }]} noStyle>
                        <Input placeholder={t('review.settings.numberFormat')} style={{ width: 220 }} data-testid="kind-format" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueDays']} rules={[{ required: true, message: t('review.settings.required') }]} noStyle>
                        <InputNumber min={1} max={365} precision={0} addonAfter={t('review.settings.dueDays')} style={{ width: 160 }} data-testid="kind-days" />
                      </Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)}>{t('review.settings.remove')}</Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({ id: '', name: '', numberFormat: '〔{year}〕第{n}号', actions: [], dueDays: 15 })}>{t('review.settings.addKind')}</Button>
                </Space>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="nearingDays" label={t('review.settings.nearingDays')} rules={[{ required: true, message: t('review.settings.required') }]}>
            <InputNumber min={0} max={60} precision={0} data-testid="nearing-days" />
          </Form.Item>
          <Form.Item name="publicAccountability" label={t('review.settings.publicAccountability')} valuePropName="checked"><Switch data-testid="public-accountability" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
