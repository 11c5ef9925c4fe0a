// 人员: the people of the organizations the user reaches (书记, 班子成员, 党员, 干部), kept across
// campaigns and years; organizers add them. Each name opens the person's page.
import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Select, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createPerson, listPersons, type Person, type Post } from '../api/people.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { Page } from '../layout/Page.tsx';
import { canManagePeople } from '../lib/people.ts';

export const POSTS: Post[] = ['secretary', 'team', 'member', 'cadre'];

export function PeoplePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const persons = useAsync(() => listPersons(), []);
  const [form] = Form.useForm<{ name: string; unit: string; post: Post }>();
  const [busy, setBusy] = useState(false);
  const crumbs = [{ title: t('people.persons.title') }];
  if (persons.error) return <Page crumbs={crumbs} title={t('people.persons.title')}><ErrorResult error={persons.error} onRetry={persons.reload} /></Page>;
  const add = async (v: { name: string; unit: string; post: Post }) => {
    setBusy(true);
    try {
      await createPerson({ name: v.name.trim(), unit: v.unit.trim(), post: v.post });
      message.success(t('people.persons.added'));
      form.resetFields();
      persons.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page crumbs={crumbs} title={t('people.persons.title')}>
      {canManagePeople(user) && (
        <Card size="small" title={t('people.persons.add')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" initialValues={{ post: 'member' }} onFinish={(v) => void add(v)}>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input placeholder={t('people.persons.name')} data-testid="person-name" /></Form.Item>
            <Form.Item name="unit" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input placeholder={t('people.persons.unit')} data-testid="person-unit" /></Form.Item>
            <Form.Item name="post"><Select style={{ width: 140 }} options={POSTS.map((p) => ({ value: p, label: t(`people.post.${p}`) }))} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="person-add">{t('people.persons.add')}</Button>
          </Form>
        </Card>
      )}
      <Table<Person>
        rowKey="id"
        size="small"
        loading={persons.loading && !persons.data}
        dataSource={persons.data?.persons ?? []}
        locale={{ emptyText: t('people.persons.empty') }}
        columns={[
          { title: t('people.persons.name'), key: 'name', render: (_: unknown, p) => <Link to={`/people/${p.id}`} data-testid="person-link">{p.name}</Link> },
          { title: t('people.persons.unit'), dataIndex: 'unit' },
          { title: t('people.persons.post'), key: 'post', render: (_: unknown, p) => t(`people.post.${p.post}`) },
          { title: t('people.persons.organization'), dataIndex: 'organizationName' },
        ]}
      />
    </Page>
  );
}
