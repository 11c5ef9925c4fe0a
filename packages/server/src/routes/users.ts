// GET /users, POST /users (admin).
import { z } from 'zod';
import { requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { AssignmentSchema, errorResponses, RoleSchema, UserSchema } from '../schemas/common.ts';
import { createUser, listUserDtos } from '../services/users.ts';

export function userRoutes(app: App, { ctx, forcePasswordChange }: Deps): void {
  app.get('/users', {
    config: { access: { action: 'users.manage' } },
    schema: { tags: ['users'], response: { 200: z.object({ users: z.array(UserSchema) }), ...errorResponses } },
  }, async () => ({ users: await listUserDtos(ctx) }));

  app.post('/users', {
    config: { access: { action: 'users.manage' } },
    schema: {
      tags: ['users'],
      body: z.object({
        username: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.-]+$/u),
        password: z.string().min(8).max(256),
        displayName: z.string().trim().min(1).max(100),
        role: RoleSchema,
        assignments: z.array(AssignmentSchema).max(1000).optional(),
      }),
      response: { 201: z.object({ user: UserSchema }), ...errorResponses },
    },
  }, async (req, reply) => {
    // the admin chose this password: the user replaces it at first sign-in
    const user = await createUser(ctx, { ...req.body, mustChangePassword: forcePasswordChange }, requireUser(req));
    return reply.code(201).send({ user });
  });
}
