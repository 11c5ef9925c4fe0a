// GET /audit (newest first, filterable, paged) and GET /audit/export (CSV of every matching entry).
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { App, Deps } from '../http/types.ts';
import { AuditEntrySchema, AuditQuery } from '../schemas/audit.ts';
import { errorResponses } from '../schemas/common.ts';
import { auditCsv, readAudit } from '../services/audit.ts';

const filterOf = (q: Pick<z.infer<typeof AuditQuery>, 'campaign' | 'actor' | 'action' | 'from' | 'to'>) => ({
  campaignId: q.campaign, actor: q.actor, action: q.action,
  from: q.from === undefined ? undefined : new Date(q.from), to: q.to === undefined ? undefined : new Date(q.to),
});

export function auditRoutes(app: App, { ctx }: Deps): void {
  app.get('/audit', {
    config: { access: { action: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'Audit log entries, newest first; `next` is the `before` cursor of the next page',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntrySchema), next: z.number().int().nullable() }), ...errorResponses },
    },
  }, async (req) => readAudit(ctx, { ...filterOf(req.query), before: req.query.before }, req.query.limit));

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
    return reply.send(Readable.from(auditCsv(ctx, filterOf(req.query))) as unknown as string);
  });
}
