// The whole content of a bulletin as the organizer reviews it before publishing: the organizer's
// own paragraphs, then every section the bulletin will carry (rankings with movement, flags won,
// kept and lost, 龙虎榜, schedule, commendations, actions). It shows the frozen content as it is;
// nothing here computes a score.
import type { HTMLAttributes, ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { FlagFilled, StopOutlined } from '@ant-design/icons';
import { SubjectContext, useSubjectTranslation } from '../lib/subject.ts';
import type { BulletinContent, BulletinFlag, BulletinItemRow, BulletinRankRow } from '../api/types.ts';
import { bulletinSections, flagColorByName, names, PrecisionContext, sectionNumber, useScore, type SectionKey } from '../publication/format.ts';
import { tagColor } from '../lib/format.ts';
import { DeltaArrow } from './DeltaArrow.tsx';

export function BulletinContentView({ content }: { content: BulletinContent }) {
  const { t, i18n } = useSubjectTranslation(content.campaign.subject);
  const sections = bulletinSections(content);
  const colors = flagColorByName(content);
  const body: Record<SectionKey, () => ReactNode> = {
    overall: () => <RankTable rows={content.overall} colors={colors} showGroup testId="bulletin-overall" />,
    groups: () => (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {content.groups.map((g) => (
          <div key={g.id} data-group={g.id}>
            <Typography.Title level={5}>{g.name}</Typography.Title>
            <RankTable rows={g.rows} colors={colors} />
          </div>
        ))}
      </Space>
    ),
    pairs: () => <PairList content={content} />,
    flags: () => <FlagTable flags={content.flags} />,
    categories: () => <Categories content={content} />,
    schedule: () => (
      <Row gutter={16}>
        {(['ahead', 'behind'] as const).map((k) => (
          <Col xs={24} md={12} key={k}>
            <Typography.Text strong>{t(`doc.${k}`)}</Typography.Text>
            <ul className="bulletin-list" data-testid={`bulletin-schedule-${k}`}>
              {content.schedule[k].length === 0 && <li>—</li>}
              {content.schedule[k].map((r) => <li key={r.unit}><b>{r.name}</b>：{r.indicators.join('、')}</li>)}
            </ul>
          </Col>
        ))}
      </Row>
    ),
    commendations: () => (
      <ul className="bulletin-list" data-testid="bulletin-commendations">
        {content.commendations.map((c) => <li key={c.unit}><b>{c.name}</b>（{c.flags.join('、')}）</li>)}
      </ul>
    ),
    actions: () => (
      <Table
        rowKey={(a) => `${a.rule}/${a.unit}`} size="small" pagination={false} dataSource={content.actions} data-testid="bulletin-actions"
        columns={[
          { title: t('doc.action'), key: 'action', width: 110, render: (_: unknown, a) => <Tag color="volcano">{i18n.exists(`actionKinds.${a.action}`) ? t(`actionKinds.${a.action}`) : a.action}</Tag> },
          { title: t('doc.unit'), dataIndex: 'name', width: 160 },
          { title: t('doc.rule'), dataIndex: 'ruleName', width: 160 },
          { title: t('doc.reason'), dataIndex: 'reason' },
        ]}
      />
    ),
  };
  return (
    <PrecisionContext.Provider value={content.campaign.precision}>
    <SubjectContext.Provider value={content.campaign.subject}>
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="bulletin-content">
      {content.periodState !== 'closed' && <Alert type="warning" showIcon title={t('doc.provisional')} data-testid="bulletin-provisional" />}
      {content.intro.length > 0 && (
        <Card size="small" data-testid="bulletin-intro">
          {content.intro.map((p, i) => <p key={i} className="bulletin-para">{p}</p>)}
        </Card>
      )}
      {sections.length === 0 && <Card><Empty /></Card>}
      {sections.map((key, i) => (
        <Card key={key} size="small" title={`${sectionNumber(i, i18n.language)}${t(`doc.${key}`)}`} data-section={key}>
          {body[key]()}
        </Card>
      ))}
      {content.closing.length > 0 && (
        <Card size="small" data-testid="bulletin-closing">
          {content.closing.map((p, i) => <p key={i} className="bulletin-para">{p}</p>)}
        </Card>
      )}
    </Space>
    </SubjectContext.Provider>
    </PrecisionContext.Provider>
  );
}

function RankTable({ rows, colors, showGroup, testId }: { rows: BulletinRankRow[]; colors: Map<string, string | null>; showGroup?: boolean; testId?: string }) {
  const { t } = useSubjectTranslation();
  const score = useScore();
  const hasGrade = rows.some((r) => r.grade);
  return (
    <Table<BulletinRankRow>
      rowKey="unit" size="small" pagination={false} dataSource={rows} data-testid={testId}
      rowClassName={(r) => (r.vetoed ? 'row-vetoed' : '')}
      onRow={(r) => ({ 'data-unit': r.unit } as HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('doc.rank'), dataIndex: 'rank', width: 70, align: 'center', render: (v: number) => <b>{v}</b> },
        { title: t('doc.unit'), dataIndex: 'name', render: (v: string) => <span className="unit-name">{v}</span> },
        ...(showGroup ? [{ title: t('doc.group'), dataIndex: 'groupName', width: 120 }] : []),
        { title: t('doc.total'), dataIndex: 'total', width: 100, align: 'right' as const, render: (v: number) => <b>{score(v)}</b> },
        ...(hasGrade ? [{ title: t('doc.grade'), dataIndex: 'grade', width: 90, render: (v: string | null) => v && <Tag color="blue">{v}</Tag> }] : []),
        { title: <Tooltip title={t('doc.deltaHint')}>{t('doc.delta')}</Tooltip>, key: 'delta', width: 90, align: 'center' as const, render: (_: unknown, r: BulletinRankRow) => <DeltaArrow delta={r.delta} /> },
        {
          title: t('doc.flagsCol'), key: 'flags',
          render: (_: unknown, r: BulletinRankRow) => (
            <span>
              {r.vetoed && <Tag color="#262626" icon={<StopOutlined />}>{t('doc.vetoed')}</Tag>}
              {r.flags.map((f) => <Tag key={f} color={tagColor(colors.get(f))} icon={<FlagFilled />}>{f}</Tag>)}
            </span>
          ),
        },
      ]}
    />
  );
}

function PairList({ content }: { content: BulletinContent }) {
  const { t } = useSubjectTranslation();
  const score = useScore();
  return (
    <Table
      rowKey="id" size="small" pagination={false} dataSource={content.pairs} data-testid="bulletin-pairs"
      columns={[
        {
          title: t('doc.pairs'), key: 'units',
          render: (_: unknown, p: BulletinContent['pairs'][number]) => p.units.map((u, i) => (
            <span key={u.unit}>
              {i > 0 && <span className="pair-vs"> {t('doc.pairVs')} </span>}
              <span className={p.winner === u.unit ? 'pair-winner' : undefined}>{u.name}（{score(u.total)}）</span>
            </span>
          )),
        },
        { title: t('doc.winner'), key: 'winner', width: 140, render: (_: unknown, p: BulletinContent['pairs'][number]) => p.winner ? p.units.find((u) => u.unit === p.winner)?.name : t('doc.tie') },
        { title: t('doc.margin'), dataIndex: 'margin', width: 90, align: 'right' as const, render: (v: number | null) => (v === null ? '—' : score(v)) },
      ]}
    />
  );
}

function FlagTable({ flags }: { flags: BulletinFlag[] }) {
  const { t } = useSubjectTranslation();
  return (
    <Table<BulletinFlag>
      rowKey={(f) => `${f.flag}/${f.scope}`} size="small" pagination={false} dataSource={flags} data-testid="bulletin-flags"
      columns={[
        { title: t('doc.flag'), key: 'flag', width: 140, render: (_: unknown, f) => <Tag color={tagColor(f.color)} icon={<FlagFilled />}>{f.name}</Tag> },
        { title: t('doc.scope'), dataIndex: 'scopeName', width: 140 },
        { title: t('doc.holders'), key: 'holders', render: (_: unknown, f) => <b>{names(f.holders)}</b> },
        { title: t('doc.won'), key: 'won', render: (_: unknown, f) => names(f.won) },
        { title: t('doc.kept'), key: 'kept', render: (_: unknown, f) => names(f.kept) },
        { title: t('doc.lost'), key: 'lost', render: (_: unknown, f) => <Typography.Text type={f.lost.length ? 'danger' : undefined}>{names(f.lost)}</Typography.Text> },
      ]}
    />
  );
}

function Categories({ content }: { content: BulletinContent }) {
  const { t } = useSubjectTranslation();
  const score = useScore();
  const cell = (rows: BulletinItemRow[], measure: string | null) => (
    <ol className="bulletin-rank-list">
      {rows.map((r) => (
        <li key={r.unit} value={r.rank}>
          {r.name}{r.tied && <Tag color="blue" style={{ marginInlineStart: 4 }} data-tie="1">{t('board.tie')}</Tag>} <Typography.Text type="secondary">{score(r.score)}{t('phone.points')}{r.value !== null ? ` · ${r.value}${measure ?? ''}` : ''}</Typography.Text>
        </li>
      ))}
    </ol>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="bulletin-categories">
      {content.categories.filter((c) => c.indicators.length > 0).map((c) => (
        <div key={c.category || '-'}>
          <Typography.Title level={5}>{c.category || t('doc.noCategory')}</Typography.Title>
          <Table
            rowKey="id" size="small" pagination={false} dataSource={c.indicators}
            columns={[
              { title: t('doc.indicator'), dataIndex: 'name', width: 180 },
              { title: t('doc.leaders'), key: 'leaders', render: (_: unknown, ind: typeof c.indicators[number]) => cell(ind.leaders, ind.measure) },
              { title: t('doc.laggards'), key: 'laggards', render: (_: unknown, ind: typeof c.indicators[number]) => cell(ind.laggards, ind.measure) },
            ]}
          />
        </div>
      ))}
    </Space>
  );
}
