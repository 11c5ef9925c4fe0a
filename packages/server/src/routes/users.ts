// GET /users, POST /users: admins, and organizers for their organization and those below it.
import { z } from 'zod';
import { requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { AssignmentSchema, errorResponses, GrantSchema, RoleSchema, UserSchema } from '../schemas/common.ts';
import { createUser, listUserDtos } from '../services/users.ts';

export function userRoutes(app: App, { ctx, forcePasswordChange }: Deps): void {
  app.get('/users', {
    config: { access: { action: 'users.manage' } },
    schema: { tags: ['users'], response: { 200: z.object({ users: z.array(UserSchema) }), ...errorResponses } },
  }, async (req) => ({ users: await listUserDtos(ctx, requireUser(req)) }));

  app.post('/users', {
    config: { access: { action: 'users.manage' } },
    schema: {
      tags: ['users'],
      body: z.object({
        username: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.-]+$/u),
        password: z.string().min(8).max(256),
        displayName: z.string().trim().min(1).max(100),
        /** the organization the user belongs to (default: the root) */
        organizationId: z.number().int().positive().max(2147483647).optional(),
        /** one role placed as before grants existed (on the organization; reporters and scorers on their assignments) */
        role: RoleSchema.optional(),
        assignments: z.array(AssignmentSchema).max(1000).optional(),
        /** further roles, each on an organization or a campaign */
        grants: z.array(GrantSchema).max(1000).optional(),
      }),
      response: { 201: z.object({ user: UserSchema }), ...errorResponses },
    },
  }, async (req, reply) => {
    // the admin chose this password: the user replaces it at first sign-in
    const user = await createUser(ctx, { ...req.body, mustChangePassword: forcePasswordChange }, requireUser(req));
    return reply.code(201).send({ user });
  });
}
