// GET /audit (newest first, filterable, paged) and GET /audit/export (CSV of every matching entry).
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { App, Deps } from '../http/types.ts';
import { requireUser } from '../http/access.ts';
import { can } from '../policy.ts';
import type { SessionUser } from '../services/auth.ts';
import { AuditEntrySchema, AuditQuery } from '../schemas/audit.ts';
import { errorResponses } from '../schemas/common.ts';
import { auditCsv, readAudit } from '../services/audit.ts';

const filterOf = (q: Pick<z.infer<typeof AuditQuery>, 'campaign' | 'actor' | 'action' | 'from' | 'to'>) => ({
  campaignId: q.campaign, actor: q.actor, action: q.action,
  from: q.from === undefined ? undefined : new Date(q.from), to: q.to === undefined ? undefined : new Date(q.to),
});

/** An admin and the installation's own organizers (of the root) read the whole log; an organizer the entries of the campaigns they manage. */
function auditScope(user: SessionUser): { campaignIds?: string[] } {
  if (user.grants.some((g) => g.role === 'admin' || (g.role === 'organizer' && g.organizationId != null && user.scope.orgParent[g.organizationId] === null))) return {};
  return { campaignIds: Object.keys(user.scope.campaignOrg).filter((c) => can(user, 'campaign.edit', { campaignId: c })) };
}

export function auditRoutes(app: App, { ctx }: Deps): void {
  app.get('/audit', {
    config: { access: { action: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'Audit log entries, newest first; `next` is the `before` cursor of the next page',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntrySchema), next: z.number().int().nullable() }), ...errorResponses },
    },
  }, async (req) => readAudit(ctx, { ...filterOf(req.query), ...auditScope(requireUser(req)), before: req.query.before }, req.query.limit));

  app.get('/audit/export', {
    config: { access: { action: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'Every matching entry as CSV (UTF-8 with BOM), oldest first',
      querystring: AuditQuery.omit({ before: true, limit: true }),
      response: { 200: z.string().describe('text/csv'), ...errorResponses },
    },
  }, async (req, reply) => {
    const stamp = ctx.now().toISOString().slice(0, 10);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="leitai-audit-${stamp}.csv"`);
    // a stream is not serialised: the response schema only documents the type
    return reply.send(Readable.from(auditCsv(ctx, { ...filterOf(req.query), ...auditScope(requireUser(req)) })) as unknown as string);
  });
}
