// 表彰名录: the honours register — honour, year, subject, citation — newest year first, 蝉联 marked;
// organizers record honours decided outside a selection (a committee's deliberation, earlier years).
import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createHonour, listHonours, listPersons, type Honour } from '../api/people.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { Page } from '../layout/Page.tsx';
import { canManagePeople } from '../lib/people.ts';

interface HonourForm { honour: string; category?: string; year: number; personId?: number; unitName?: string; citation: string }

export function HonoursPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const honours = useAsync(() => listHonours(year), [year]);
  const persons = useAsync(() => listPersons(), []);
  const [form] = Form.useForm<HonourForm>();
  const [busy, setBusy] = useState(false);
  const crumbs = [{ title: t('people.honours.title') }];
  if (honours.error) return <Page crumbs={crumbs} title={t('people.honours.title')}><ErrorResult error={honours.error} onRetry={honours.reload} /></Page>;
  const years = [...new Set((honours.data?.honours ?? []).map((h) => h.year))];
  const add = async (v: HonourForm) => {
    setBusy(true);
    try {
      await createHonour({ honour: v.honour.trim(), category: v.category?.trim() || undefined, year: Number(v.year), personId: v.personId, unitName: v.personId ? undefined : v.unitName?.trim(), citation: v.citation.trim() });
      message.success(t('people.honours.added'));
      form.resetFields();
      honours.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page crumbs={crumbs} title={t('people.honours.title')} extra={
      <Select style={{ width: 140 }} value={year ?? 0} onChange={(v) => setYear(v || undefined)} options={[{ value: 0, label: t('people.honours.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]} />
    }>
      {canManagePeople(user) && (
        <Card size="small" title={t('people.honours.add')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => void add(v)}>
            <Form.Item name="honour" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input placeholder={t('people.honours.honour')} /></Form.Item>
            <Form.Item name="category"><Input placeholder={t('people.honours.category')} style={{ width: 120 }} /></Form.Item>
            <Form.Item name="year" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="personId"><Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} placeholder={t('people.honours.person')} options={(persons.data?.persons ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unit}）` }))} /></Form.Item>
            <Form.Item name="unitName"><Input placeholder={t('people.honours.unitName')} style={{ width: 150 }} /></Form.Item>
            <Form.Item name="citation" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input placeholder={t('people.honours.citation')} style={{ width: 220 }} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('people.honours.add')}</Button>
          </Form>
        </Card>
      )}
      <Table<Honour> rowKey="id" size="small" dataSource={honours.data?.honours ?? []} loading={honours.loading && !honours.data} locale={{ emptyText: t('people.honours.empty') }}
        columns={[
          { title: t('people.honours.year'), dataIndex: 'year', width: 80 },
          { title: t('people.honours.honour'), key: 'h', render: (_: unknown, h) => `${h.honour}${h.category ? `·${h.category}` : ''}` },
          { title: t('people.honours.subject'), key: 's', render: (_: unknown, h) => (h.personId ? <Link to={`/people/${h.personId}`} data-testid="honour-person">{h.personName}</Link> : h.unitName) },
          { title: '', key: 'streak', render: (_: unknown, h) => (h.streak > 1 ? <Tag color="gold">{t('people.person.streak', { n: h.streak })}</Tag> : null) },
          { title: t('people.honours.citation'), dataIndex: 'citation' },
        ]} />
    </Page>
  );
}
