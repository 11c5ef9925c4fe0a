// Leaders in charge (a leader's page, visit logs, the 同奖同惩 summary) and key-project ledgers (issue 16 items 2, 3).
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import { attachment, sendUploadedFile } from '../http/attachment.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { CommitmentCaseCreate } from '../schemas/commitments.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  AccountingResultSchema, LeaderQuery, LeadershipSchema, MilestoneDone, MilestoneParams, ProgressCreate, ProgressParams, ProjectCreate, ProjectFeed, ProjectFileParams,
  ProjectListQuery, ProjectParams, ProjectSchema, SummaryRowSchema, VisitCreate, VisitSchema,
} from '../schemas/ledgers.ts';
import { LEDGER_FILE_MAX_BYTES } from '../services/commitments.ts';
import {
  addProgress, addProgressFile, addVisit, caseForMilestone, createProject, feedFromProject, getProject, leaderSummary, leaderSummaryXlsx, leadership, ledgerAccounting,
  listProjects, listVisits, markMilestone, progressFile,
} from '../services/ledgers.ts';
import { checkUploadQuota } from '../services/quota.ts';

const ProjectEnvelope = z.object({ project: ProjectSchema });

export function ledgerRoutes(app: App, { ctx, publicUrl, uploadQuotaBytes }: Deps): void {
  app.get('/campaigns/:id/leadership', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['leaders'], summary: '我的分管: what a leader leads (their own; an organizer names ?leader=): units with standing, trend and flags won/lost, commitments, projects, visits',
      params: CampaignIdParams, querystring: LeaderQuery, response: { 200: LeadershipSchema, ...errorResponses },
    },
  }, async (req) => leadership(ctx, requireUser(req), req.params.id, req.query.leader, publicUrl));

  app.get('/campaigns/:id/visits', {
    config: { access: onCampaign('visit.write') },
    schema: { tags: ['leaders'], summary: 'Visit logs (走访/过堂), newest first: a leader\'s own; an organizer\'s every leader\'s (or ?leader=)', params: CampaignIdParams, querystring: LeaderQuery, response: { 200: z.object({ visits: z.array(VisitSchema) }), ...errorResponses } },
  }, async (req) => ({ visits: await listVisits(ctx, requireUser(req), req.params.id, req.query.leader) }));

  app.post('/campaigns/:id/visits', {
    config: { access: onCampaign('visit.write') },
    schema: { tags: ['leaders'], summary: 'Log a visit or hearing to a unit or a project (a leader: their own; an organizer: for a leader)', params: CampaignIdParams, body: VisitCreate, response: { 201: z.object({ visit: VisitSchema }), ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await addVisit(ctx, user, req.params.id, req.body);
    const visits = await listVisits(ctx, user, req.params.id, req.body.leader ?? user.id);
    return reply.code(201).send({ visit: visits.find((v) => v.id === id)! });
  });

  app.get('/campaigns/:id/leaders/summary', {
    config: { access: onCampaign('ledger.manage') },
    schema: { tags: ['leaders'], summary: '同奖同惩: per leader and unit led, flags won and actions over the closed periods, commitments kept and not, overdue milestones', params: CampaignIdParams, response: { 200: z.object({ campaign: z.string(), periods: z.array(z.string()), rows: z.array(SummaryRowSchema) }), ...errorResponses } },
  }, async (req) => leaderSummary(ctx, requireUser(req), req.params.id));

  app.get('/campaigns/:id/leaders/summary.xlsx', {
    config: { access: onCampaign('ledger.manage') },
    schema: { tags: ['leaders'], summary: 'The 同奖同惩 summary as an Excel workbook', params: CampaignIdParams, response: { 200: z.string().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), ...errorResponses } },
  }, async (req, reply) => {
    const f = await leaderSummaryXlsx(ctx, requireUser(req), req.params.id);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', attachment(f.filename, 'leader-summary.xlsx'));
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(Buffer.from(f.data) as unknown as string);
  });

  app.get('/campaigns/:id/projects', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['projects'], summary: 'Key projects (重点项目台账) with milestones (overdue flagged), progress, share on time, investment to date', params: CampaignIdParams, querystring: ProjectListQuery, response: { 200: z.object({ projects: z.array(ProjectSchema) }), ...errorResponses } },
  }, async (req) => ({ projects: await listProjects(ctx, req.params.id, req.query) }));

  app.post('/campaigns/:id/projects', {
    config: { access: onCampaign('ledger.manage') },
    schema: { tags: ['projects'], summary: 'A key project: owner unit, leader in charge, team, milestones with due dates (organizer)', params: CampaignIdParams, body: ProjectCreate, response: { 201: ProjectEnvelope, ...errorResponses } },
  }, async (req, reply) => {
    const id = await createProject(ctx, requireUser(req), req.params.id, req.body);
    return reply.code(201).send({ project: await getProject(ctx, req.params.id, id) });
  });

  app.get('/campaigns/:id/projects/:projectId', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['projects'], summary: 'A key project', params: ProjectParams, response: { 200: ProjectEnvelope, ...errorResponses } },
  }, async (req) => ({ project: await getProject(ctx, req.params.id, req.params.projectId) }));

  app.post('/campaigns/:id/projects/:projectId/progress', {
    config: { access: onCampaign('ledger.progress') },
    schema: { tags: ['projects'], summary: 'Monthly progress (owner unit, leader in charge, organizer)', params: ProjectParams, body: ProgressCreate, response: { 201: ProjectEnvelope, ...errorResponses } },
  }, async (req, reply) => {
    await addProgress(ctx, requireUser(req), req.params.id, req.params.projectId, req.body);
    return reply.code(201).send({ project: await getProject(ctx, req.params.id, req.params.projectId) });
  });

  app.post('/campaigns/:id/projects/:projectId/milestones/:milestoneId/done', {
    config: { access: onCampaign('ledger.progress') },
    schema: { tags: ['projects'], summary: 'Mark a milestone done on a date (409 when it is already)', params: MilestoneParams, body: MilestoneDone, response: { 200: ProjectEnvelope, ...errorResponses } },
  }, async (req) => {
    await markMilestone(ctx, requireUser(req), req.params.id, req.params.projectId, req.params.milestoneId, req.body.doneOn);
    return { project: await getProject(ctx, req.params.id, req.params.projectId) };
  });

  app.post('/campaigns/:id/projects/:projectId/progress/:progressId/files', {
    config: { access: onCampaign('ledger.progress') },
    schema: { tags: ['projects'], summary: 'Evidence of a month\'s progress (multipart "file"; PDF, images, .docx, .xlsx, OFD; ≤ 10 MB; owner unit, leader in charge, organizer)', consumes: ['multipart/form-data'], params: ProgressParams, response: { 201: ProjectEnvelope, ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    await addProgressFile(ctx, user, req.params.id, req.params.projectId, req.params.progressId, async () => {
      const f = await uploadedFile(req, { maxBytes: LEDGER_FILE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, f.data.length, uploadQuotaBytes);
      return f;
    });
    return reply.code(201).send({ project: await getProject(ctx, req.params.id, req.params.projectId) });
  });

  app.get('/campaigns/:id/projects/:projectId/files/:fileId', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['projects'], summary: 'Download a progress evidence file (attachment)', params: ProjectFileParams, response: { 200: z.string().describe('the file'), ...errorResponses } },
  }, async (req, reply) => sendUploadedFile(reply, await progressFile(ctx, req.params.id, req.params.projectId, req.params.fileId)));

  app.post('/campaigns/:id/projects/:projectId/milestones/:milestoneId/case', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['projects'], summary: 'Open an accountability case of the owner unit for an overdue milestone (409 when not overdue; asked again: the case opened before, nothing new)', params: MilestoneParams, body: CommitmentCaseCreate, response: { 200: ProjectEnvelope.extend({ caseId: z.number().int(), opened: z.boolean() }), ...errorResponses } },
  }, async (req) => {
    const r = await caseForMilestone(ctx, requireUser(req), req.params.id, req.params.projectId, req.params.milestoneId, req.body);
    return { ...r, project: await getProject(ctx, req.params.id, req.params.projectId) };
  });

  app.post('/campaigns/:id/ledger-accounting', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['projects'], summary: '年底交账: a case for every evaluated commitment with items not kept and every overdue milestone that has none yet (one transaction; run again, nothing twice)', params: CampaignIdParams, body: CommitmentCaseCreate, response: { 200: AccountingResultSchema, ...errorResponses } },
  }, async (req) => ledgerAccounting(ctx, requireUser(req), req.params.id, req.body));

  app.post('/campaigns/:id/projects/:projectId/feed', {
    config: { access: onCampaign('ledger.manage') },
    schema: {
      tags: ['projects'], summary: 'Enter the owner unit\'s figure of a value indicator from the ledger (share of milestones on time, or investment to date) through the figure path, its source as the explanation',
      params: ProjectParams, body: ProjectFeed,
      response: { 200: z.object({ unit: z.string(), indicator: z.string(), period: z.string(), value: z.string(), source: z.string() }), ...errorResponses },
    },
  }, async (req) => feedFromProject(ctx, requireUser(req), req.params.id, req.params.projectId, req.body));
}
