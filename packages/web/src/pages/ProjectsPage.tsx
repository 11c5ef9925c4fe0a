// Key-project ledgers [重点项目台账] of a campaign (issue 16 item 3): each project with its owner unit, leader in
// charge, team, milestones (overdue ones red, by the server's clock), share on time and investment to date;
// an organizer creates a project with its milestones (四个一: a project, a team, a timetable); the owner unit,
// the leader in charge or an organizer record a month's progress with evidence files and mark milestones
// done; an overdue milestone opens an accountability case (once).
import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listAccounts } from '../api/accounts.ts';
import {
  addProjectProgress, caseForMilestone, createProject, ledgerAccounting, listProjects, markMilestoneDone, projectFileUrl, uploadProgressFile,
  type Project, type ProjectInput,
} from '../api/ledgers.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { CaseTag, OpenCaseButton } from '../components/LedgerCase.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { rolesIn } from '../lib/permissions.ts';

export function MilestoneTags({ project }: { project: Project }) {
  const { t } = useTranslation();
  return project.milestones.map((m) => (
    <Tag key={m.id} color={m.overdue ? 'red' : m.doneOn ? (m.onTime ? 'green' : 'orange') : 'default'} data-milestone={m.id} data-overdue={m.overdue ? 'true' : 'false'}>
      {m.name} {m.doneOn ?? m.due}{m.overdue ? `（${t('projects.overdue')}）` : ''}
    </Tag>
  ));
}

const todayIso = () => new Date().toISOString().slice(0, 10);

export function ProjectsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const campaign = useCampaign(id);
  const list = useAsync(() => listProjects(id), [id]);
  const [creating, setCreating] = useState(false);
  const roles = user ? rolesIn(user, id) : [];
  const organizes = roles.includes('admin') || roles.includes('organizer');
  const ownUnits = (user?.grants ?? []).filter((g) => g.role === 'reporter' && g.campaignId === id && g.unitId).map((g) => g.unitId as string);
  const mayReport = (p: Project) => organizes || ownUnits.includes(p.ownerUnit) || (!!user && p.leader === user.id);
  const name = campaign.data?.campaign.name ?? id;
  return (
    <Page crumbs={[{ title: name, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('projects.title') }]} title={t('projects.title')}
      extra={organizes && (
        <Space>
          <OpenCaseButton campaignId={id} label={t('ledgerCase.accounting')} testId="ledger-accounting" onOpen={async (o) => {
            const r = await ledgerAccounting(id, o);
            void message.info(t('ledgerCase.accounted', { opened: r.opened, total: r.cases.length }));
            list.reload();
          }} />
          <Button type="primary" onClick={() => setCreating(true)} data-testid="project-new">{t('projects.new')}</Button>
        </Space>
      )}>
      <CampaignNav campaignId={id} active="projects" />
      {list.error && <ErrorResult error={list.error} onRetry={list.reload} />}
      {list.data && list.data.projects.length === 0 && <Empty description={t('projects.none')} />}
      <Flex vertical gap={16}>
        {(list.data?.projects ?? []).map((p) => (
          <ProjectCard key={p.id} campaignId={id} project={p} organizes={organizes} mayReport={mayReport(p)} onChanged={list.reload} />
        ))}
      </Flex>
      {creating && campaign.data && (
        <NewProject campaignId={id} units={campaign.data.model.units.map((u) => ({ id: u.id, name: u.name }))} onClose={() => setCreating(false)}
          onSaved={() => { setCreating(false); list.reload(); }} />
      )}
    </Page>
  );
}

function ProjectCard({ campaignId, project: p, organizes, mayReport, onChanged }: {
  campaignId: string; project: Project; organizes: boolean; mayReport: boolean; onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onChanged();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title={p.name} data-testid="project" data-project={p.id} data-overdue={p.overdue ? 'true' : 'false'}
      extra={p.overdue && <Tag color="red">{t('projects.hasOverdue')}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'o', label: t('projects.owner'), children: p.ownerName },
        { key: 'l', label: t('projects.leader'), children: p.leaderName ?? '—' },
        { key: 't', label: t('projects.team'), children: p.team ?? '—' },
        { key: 'r', label: t('projects.onTime'), children: p.onTime.percent === null ? '—' : `${p.onTime.done}/${p.onTime.due}（${p.onTime.percent}%）` },
        { key: 'i', label: t('projects.investment'), children: `${p.investmentToDate ?? '—'}${p.plannedInvestment ? ` / ${p.plannedInvestment}` : ''}` },
      ]} />
      <Typography.Title level={5}>{t('projects.milestones')}</Typography.Title>
      <Flex vertical gap={6}>
        {p.milestones.map((m) => (
          <Space key={m.id} wrap data-milestone-row={m.id} data-overdue={m.overdue ? 'true' : 'false'}>
            <Typography.Text type={m.overdue ? 'danger' : undefined} strong={m.overdue} className="milestone-name">{m.name}</Typography.Text>
            <Typography.Text type={m.overdue ? 'danger' : 'secondary'}>{t('projects.dueOn', { due: m.due })}</Typography.Text>
            {m.overdue && <Tag color="red" data-testid="milestone-overdue">{t('projects.overdue')}</Tag>}
            {m.doneOn && <Tag color={m.onTime ? 'green' : 'orange'}>{t('projects.doneOn', { date: m.doneOn })}</Tag>}
            <CaseTag campaignId={campaignId} c={m.case} />
            {!m.doneOn && mayReport && <Button size="small" onClick={() => void act(() => markMilestoneDone(campaignId, p.id, m.id, todayIso()))} data-testid="milestone-done">{t('projects.markDone')}</Button>}
            {m.overdue && !m.case && organizes && (
              <OpenCaseButton size="small" campaignId={campaignId} label={t('ledgerCase.forMilestone')} testId="milestone-case"
                onOpen={(o) => act(() => caseForMilestone(campaignId, p.id, m.id, o))} />
            )}
          </Space>
        ))}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('projects.progress')}</Typography.Title>
      {p.progress.length === 0 && <Typography.Text type="secondary">{t('projects.noProgress')}</Typography.Text>}
      {p.progress.map((x) => (
        <div key={x.id} data-progress={x.id} style={{ marginBottom: 6 }}>
          <Tag>{x.month}</Tag>{x.text}
          {x.investment && <Typography.Text type="secondary">（{t('projects.investmentAt', { value: x.investment })}）</Typography.Text>}
          {x.files.map((f) => <a key={f.id} href={projectFileUrl(campaignId, p.id, f.id)} style={{ marginLeft: 8 }} data-testid="progress-file">{f.filename}</a>)}
        </div>
      ))}
      {mayReport && <ProgressForm campaignId={campaignId} project={p} onSaved={onChanged} />}
    </Card>
  );
}

function ProgressForm({ campaignId, project, onSaved }: { campaignId: string; project: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [text, setText] = useState('');
  const [investment, setInvestment] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const valid = /^\d{4}-\d{2}$/.test(month) && text.trim() !== '' && (investment === '' || /^\d+(\.\d+)?$/.test(investment));
  const save = async () => {
    setBusy(true);
    try {
      const res = await addProjectProgress(campaignId, project.id, { month, text: text.trim(), investment: investment || undefined });
      const progressId = Math.max(...res.project.progress.map((x) => x.id));
      // the report is kept even when a file is refused: its message names the file
      for (const f of files) {
        try {
          await uploadProgressFile(campaignId, project.id, progressId, f.originFileObj as File);
        } catch (e) {
          void message.error(`${f.name}：${(e as Error).message}`);
        }
      }
      setText('');
      setInvestment('');
      setFiles([]);
      onSaved();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="progress-form">
      <Space wrap>
        <Input style={{ width: 100 }} value={month} onChange={(e) => setMonth(e.target.value)} aria-label={t('projects.month')} placeholder="YYYY-MM" data-testid="project-progress-month" />
        <Input style={{ width: 320 }} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('projects.progressText')} maxLength={4000} data-testid="project-progress-text" />
        <Input style={{ width: 160 }} value={investment} onChange={(e) => setInvestment(e.target.value)} placeholder={t('projects.investmentTo')} data-testid="project-progress-investment" />
        <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="project-progress-files">
          <Button>{t('projects.evidence')}</Button>
        </Upload>
        <Button type="primary" disabled={!valid} loading={busy} onClick={() => void save()} data-testid="project-progress-send">{t('projects.addProgress')}</Button>
      </Space>
      <Typography.Text type="secondary">{t('projects.evidenceHint')}</Typography.Text>
    </Flex>
  );
}

function NewProject({ campaignId, units, onClose, onSaved }: { campaignId: string; units: { id: string; name: string }[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ProjectInput>();
  const [saving, setSaving] = useState(false);
  const accounts = useAsync(() => listAccounts(), []);
  const leaders = (accounts.data?.users ?? []).filter((u) => u.grants.some((g) => g.role === 'leader' && (g.campaignId === campaignId || g.campaignId == null)));
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await createProject(campaignId, { ...v, team: v.team || undefined, plannedInvestment: v.plannedInvestment || undefined });
      onSaved();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('projects.new')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} width={720} okText={t('projects.create')}
      okButtonProps={{ 'data-testid': 'project-save' } as React.ComponentProps<typeof Button>}>
      <Form form={form} layout="vertical" initialValues={{ ownerUnit: units[0]?.id, milestones: [{}] }}>
        <Form.Item name="name" label={t('projects.name')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="project-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ownerUnit" label={t('projects.owner')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="project-owner" />
          </Form.Item>
          <Form.Item name="leader" label={t('projects.leader')}>
            <Select style={{ width: 180 }} allowClear loading={accounts.loading} options={leaders.map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
          <Form.Item name="plannedInvestment" label={t('projects.planned')} rules={[{ pattern: /^\d+(\.\d+)?$/, message: t('projects.number') }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="team" label={t('projects.team')}>
          <Input maxLength={1000} placeholder={t('projects.teamHint')} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              <Typography.Text strong>{t('projects.milestones')}</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 8 }} data-testid="milestone-form">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 200, message: t('projects.milestoneName') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('projects.milestoneName')} style={{ width: 280 }} data-testid="milestone-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'due']} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('projects.dueFormat') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} data-testid="milestone-due" />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('commit.removeItem')}</Button>}
                </Space>
              ))}
              <Button style={{ marginTop: 8 }} onClick={() => add({})} data-testid="milestone-add">{t('projects.addMilestone')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
