// GET /organizations (the tree as far as one sees it), POST /organizations, PATCH /organizations/:orgId.
import { z } from 'zod';
import { requireUser, SIGNED_IN } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { errorResponses } from '../schemas/common.ts';
import { NewOrganizationBody, OrganizationIdParams, OrganizationPatchBody, OrganizationSchema } from '../schemas/organizations.ts';
import { createOrganization, renameOrganization, visibleOrganizations } from '../services/organizations.ts';

const OrganizationEnvelope = z.object({ organization: OrganizationSchema });

export function organizationRoutes(app: App, { ctx }: Deps): void {
  app.get('/organizations', {
    config: { access: SIGNED_IN },
    schema: { tags: ['organizations'], summary: 'The organizations the user sees (parents before children)', response: { 200: z.object({ organizations: z.array(OrganizationSchema) }), ...errorResponses } },
  }, async (req) => ({ organizations: await visibleOrganizations(ctx, requireUser(req)) }));

  app.post('/organizations', {
    // any organizer may open the route; the service checks the parent is theirs
    config: { access: { action: 'organization.manage' } },
    schema: { tags: ['organizations'], body: NewOrganizationBody, response: { 201: OrganizationEnvelope, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ organization: await createOrganization(ctx, requireUser(req), req.body) }));

  app.patch('/organizations/:orgId', {
    config: { access: { action: 'organization.manage', resource: (p) => ({ organizationId: Number(p.orgId) }) } },
    schema: { tags: ['organizations'], params: OrganizationIdParams, body: OrganizationPatchBody, response: { 200: OrganizationEnvelope, ...errorResponses } },
  }, async (req) => ({ organization: await renameOrganization(ctx, requireUser(req), req.params.orgId, req.body) }));
}
