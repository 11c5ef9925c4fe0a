// Accounts (issue 18 item 2): admins, and organizers for their organization and those below it.
// GET/POST /users, PATCH /users/:userId, POST /users/:userId/password (reset), POST /users/account-sheet
// (.xlsx of accounts just issued); per campaign: the Excel template, the preview and the bulk creation.
import { z } from 'zod';
import { attachment } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import { uploadedFile } from '../http/upload.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses, UserSchema } from '../schemas/common.ts';
import {
  AccountListItemSchema, AccountSheetBody, BulkConfirmBody, BulkPreviewSchema, IssuedAccountSchema, NewUserBody, UserIdParams, UserPatchBody,
} from '../schemas/accounts.ts';
import { createAccount, listAccounts, resetAccountPassword, updateAccount } from '../services/accounts.ts';
import { accountSheetXlsx, accountTemplate, BULK_MAX_BYTES, createAccounts, previewAccounts } from '../services/account-import.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MANAGE = { access: { action: 'users.manage' } } as const;

export function userRoutes(app: App, { ctx, forcePasswordChange, publicUrl }: Deps): void {
  app.get('/users', {
    config: MANAGE,
    schema: { tags: ['users'], summary: 'The users of the caller\'s organization and below (all for an admin)', response: { 200: z.object({ users: z.array(AccountListItemSchema) }), ...errorResponses } },
  }, async (req) => ({ users: await listAccounts(ctx, requireUser(req)) }));

  app.post('/users', {
    config: MANAGE,
    schema: {
      tags: ['users'],
      summary: 'Create a user; without a password a random one is made and returned once (account); changed at first sign-in',
      body: NewUserBody,
      response: { 201: z.object({ user: UserSchema, account: IssuedAccountSchema.nullable() }), ...errorResponses },
    },
  }, async (req, reply) => {
    // a password someone else chose is changed at first sign-in (unless the installation says otherwise); a generated one always
    const { user, account } = await createAccount(ctx, requireUser(req), req.body, publicUrl, req.body.password === undefined || forcePasswordChange);
    return reply.code(201).send({ user, account });
  });

  app.patch('/users/:userId', {
    config: MANAGE,
    schema: {
      tags: ['users'],
      summary: 'Change a user: name, phone, organization, roles (replaced), disabled',
      params: UserIdParams, body: UserPatchBody,
      response: { 200: z.object({ user: UserSchema }), ...errorResponses },
    },
  }, async (req) => ({ user: await updateAccount(ctx, requireUser(req), req.params.userId, req.body) }));

  app.post('/users/:userId/password', {
    config: MANAGE,
    schema: {
      tags: ['users'],
      summary: 'Reset a user\'s password: a random one, returned once; the user changes it at the next sign-in, their sessions end',
      params: UserIdParams,
      response: { 200: z.object({ account: IssuedAccountSchema }), ...errorResponses },
    },
  }, async (req) => ({ account: await resetAccountPassword(ctx, requireUser(req), req.params.userId, publicUrl) }));

  app.post('/users/account-sheet', {
    config: MANAGE,
    schema: {
      tags: ['users'],
      summary: 'The account sheet (账号分发单) of accounts just issued, as .xlsx: rendered from the body, nothing is read or stored',
      body: AccountSheetBody,
      response: { 200: z.string().describe(XLSX), ...errorResponses },
    },
  }, async (req, reply) => {
    const bytes = await accountSheetXlsx(ctx, req.body.accounts);
    reply.header('content-type', XLSX);
    reply.header('content-disposition', attachment('账号分发单.xlsx', 'accounts.xlsx'));
    reply.header('cache-control', 'no-store');
    return reply.send(bytes as unknown as string);
  });

  app.get('/campaigns/:id/accounts/template.xlsx', {
    config: { access: onCampaign('campaign.edit') },
    schema: {
      tags: ['users'],
      summary: 'The Excel template for creating accounts in bulk: 姓名, 账号, 手机, 单位, 角色, 负责指标, with lists of units and roles',
      params: CampaignIdParams,
      response: { 200: z.string().describe(XLSX), ...errorResponses },
    },
  }, async (req, reply) => {
    const { filename, bytes } = await accountTemplate(ctx, requireUser(req), req.params.id);
    reply.header('content-type', XLSX);
    reply.header('content-disposition', attachment(filename, 'accounts-template.xlsx'));
    return reply.send(bytes as unknown as string);
  });

  app.post('/campaigns/:id/accounts/preview', {
    config: { access: onCampaign('campaign.edit') },
    schema: {
      tags: ['users'],
      summary: 'Check a filled account sheet (multipart field "file", ≤ 1 MB, ≤ 500 rows): the rows and every problem by row and column; nothing stored',
      params: CampaignIdParams,
      consumes: ['multipart/form-data'],
      response: { 200: BulkPreviewSchema, ...errorResponses },
    },
  }, async (req) => previewAccounts(ctx, requireUser(req), req.params.id, await uploadedFile(req, { maxBytes: BULK_MAX_BYTES }), req.lang));

  app.post('/campaigns/:id/accounts', {
    config: { access: onCampaign('campaign.edit') },
    schema: {
      tags: ['users'],
      summary: 'Create the previewed accounts: all or none (422 with every row error); random passwords returned once',
      params: CampaignIdParams, body: BulkConfirmBody,
      response: { 201: z.object({ accounts: z.array(IssuedAccountSchema) }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ accounts: await createAccounts(ctx, requireUser(req), req.params.id, req.body.rows, publicUrl, req.lang) }));
}
