// The interview (约谈) of a case (issue 15 item 1): when and where, who talked with whom (谈话人 /
// 被谈话人), the minutes, what was promised and the follow-ups, each a due-dated item marked done
// when it is. Organizers record it and edit it later (a follow-up done is ticked here).
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordInterview, type CaseDetail, type InterviewRecord } from '../api/cases.ts';

const names = (s: unknown) => String(s ?? '').split(/[、,，\s]+/).map((x) => x.trim()).filter(Boolean);
/** an ISO time as the datetime-local input shows it, in Beijing time (where interviews take place) */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
const fromLocal = (local: string) => `${local}:00+08:00`;

interface FollowUpRow { text: string; due: string; done?: boolean }

export function InterviewCard({ campaignId, c, manages, onSaved }: { campaignId: string; c: CaseDetail; manages: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const iv = c.interview;

  const save = async (body: InterviewRecord) => {
    setBusy(true);
    try {
      await recordInterview(campaignId, c.id, body);
      message.success(t('review.interview.saved'));
      onSaved();
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const edit = () => {
    form.resetFields();
    form.setFieldsValue(iv
      ? { at: toLocal(iv.at), place: iv.place, interviewers: iv.interviewers.join('、'), interviewees: iv.interviewees.join('、'), minutes: iv.minutes, promises: iv.promises, followUps: iv.followUps }
      : { interviewees: c.persons.join('、'), followUps: [] });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const followUps = ((v.followUps ?? []) as FollowUpRow[]).map((f) => ({ text: f.text, due: f.due, done: !!f.done }));
    if (await save({ at: fromLocal(v.at), place: v.place, interviewers: names(v.interviewers), interviewees: names(v.interviewees), minutes: v.minutes, promises: v.promises ?? '', followUps })) setOpen(false);
  };
  const tick = (i: number, done: boolean) => iv && save({ ...iv, followUps: iv.followUps.map((f, j) => (j === i ? { ...f, done } : f)) });

  return (
    <Card size="small" title={t('review.interview.title')} data-testid="interview"
      extra={manages && <Button size="small" type={iv ? 'default' : 'primary'} data-testid="interview-edit" onClick={edit}>{iv ? t('review.interview.edit') : t('review.interview.record')}</Button>}>
      {!iv ? <Typography.Text type="secondary">{t('review.interview.none')}</Typography.Text> : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="interview-summary">
            <Descriptions.Item label={t('review.interview.at')}>{toLocal(iv.at).replace('T', ' ')}</Descriptions.Item>
            <Descriptions.Item label={t('review.interview.place')}>{iv.place}</Descriptions.Item>
            <Descriptions.Item label={t('review.interview.interviewersShort')}>{iv.interviewers.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('review.interview.intervieweesShort')}>{iv.interviewees.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('review.interview.minutes')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{iv.minutes}</span></Descriptions.Item>
            {iv.promises && <Descriptions.Item label={t('review.interview.promises')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{iv.promises}</span></Descriptions.Item>}
          </Descriptions>
          {iv.followUps.length > 0 && (
            <Table
              rowKey={(_, i) => String(i)} size="small" pagination={false} dataSource={iv.followUps} data-testid="interview-follow-ups"
              columns={[
                { title: t('review.interview.followUps'), dataIndex: 'text' },
                { title: t('review.interview.due'), dataIndex: 'due', width: 110 },
                { title: t('review.interview.done'), key: 'done', width: 80, render: (_: unknown, f, i) => <Checkbox checked={f.done} disabled={!manages || busy} data-testid="interview-follow-up-done" onChange={(e) => tick(i, e.target.checked)} /> },
              ]}
            />
          )}
        </Space>
      )}

      <Modal open={open} width={720} title={iv ? t('review.interview.edit') : t('review.interview.record')} okText={t('review.interview.save')} cancelText={t('review.interview.cancel')}
        confirmLoading={busy} onCancel={() => setOpen(false)} onOk={submit} okButtonProps={{ 'data-testid': 'interview-ok' }}>
        <Form form={form} layout="vertical" data-testid="interview-form">
          <Space size={16} style={{ display: 'flex' }}>
            <Form.Item name="at" label={t('review.interview.at')} rules={[{ required: true, message: t('review.interview.required') }]}><Input type="datetime-local" data-testid="interview-at" /></Form.Item>
            <Form.Item name="place" label={t('review.interview.place')} rules={[{ required: true, whitespace: true, message: t('review.interview.required') }]} style={{ flex: 1 }}><Input maxLength={100} data-testid="interview-place" /></Form.Item>
          </Space>
          <Form.Item name="interviewers" label={t('review.interview.interviewers')} rules={[{ required: true, whitespace: true, message: t('review.interview.required') }]}><Input data-testid="interview-interviewers" /></Form.Item>
          <Form.Item name="interviewees" label={t('review.interview.interviewees')} rules={[{ required: true, whitespace: true, message: t('review.interview.required') }]}><Input data-testid="interview-interviewees" /></Form.Item>
          <Form.Item name="minutes" label={t('review.interview.minutes')} rules={[{ required: true, whitespace: true, message: t('review.interview.required') }]}><Input.TextArea rows={5} data-testid="interview-minutes" /></Form.Item>
          <Form.Item name="promises" label={t('review.interview.promises')}><Input.TextArea rows={3} data-testid="interview-promises" /></Form.Item>
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <Form.Item label={t('review.interview.followUps')}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" data-testid="interview-follow-up">
                      <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, message: t('review.interview.required') }]} noStyle><Input placeholder={t('review.interview.text')} style={{ width: 320 }} data-testid="follow-up-text" /></Form.Item>
                      <Form.Item name={[f.name, 'due']} rules={[{ required: true, message: t('review.interview.required') }]} noStyle><Input type="date" data-testid="follow-up-due" /></Form.Item>
                      <Form.Item name={[f.name, 'done']} valuePropName="checked" noStyle><Checkbox>{t('review.interview.done')}</Checkbox></Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)}>{t('review.interview.remove')}</Button>
                    </Space>
                  ))}
                  <Button size="small" data-testid="interview-add-follow-up" onClick={() => add({ text: '', due: '', done: false })}>{t('review.interview.addFollowUp')}</Button>
                </Space>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
