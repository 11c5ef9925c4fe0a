// People, their ledgers and the honours register (issue 17 items 1, 2, 5).
import { z } from 'zod';
import { requireUser, SIGNED_IN } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { errorResponses } from '../schemas/common.ts';
import { HonourCreate, HonourQuery, HonourSchema, LedgerCreate, PersonCreate, PersonPageSchema, PersonParams, PersonSchema } from '../schemas/people.ts';
import { addLedgerEntry, createHonour, createPerson, listHonours, listPersons, personPage } from '../services/people.ts';

export function peopleRoutes(app: App, { ctx }: Deps): void {
  app.get('/persons', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['people'],
      summary: 'The people of the organizations the user reaches (书记, 班子成员, 党员, 干部)',
      response: { 200: z.object({ persons: z.array(PersonSchema) }), ...errorResponses },
    },
  }, async (req) => ({ persons: await listPersons(ctx, requireUser(req)) }));

  app.post('/persons', {
    config: { access: { action: 'person.manage' } },
    schema: {
      tags: ['people'],
      summary: 'Add a person to an organization (default: the user\'s own)',
      body: PersonCreate,
      response: { 201: z.object({ person: PersonSchema }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ person: await createPerson(ctx, requireUser(req), req.body) }));

  app.get('/persons/:personId', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['people'],
      summary: 'A person\'s page: ledger entries, honours across years (蝉联), scores and ranks in the campaigns where they compete',
      params: PersonParams,
      response: { 200: PersonPageSchema, ...errorResponses },
    },
  }, async (req) => personPage(ctx, requireUser(req), req.params.personId));

  app.post('/persons/:personId/ledger', {
    config: { access: { action: 'person.manage' } },
    schema: {
      tags: ['people'],
      summary: 'Add a ledger entry [实绩台账]: date, what was done, evidence, key work',
      params: PersonParams,
      body: LedgerCreate,
      response: { 201: z.object({ id: z.number().int() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ id: await addLedgerEntry(ctx, requireUser(req), req.params.personId, req.body) }));

  app.get('/honours', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['people'],
      summary: 'The honours register [表彰名录]: honour, year, subject, citation; newest year first, 蝉联 counted',
      querystring: HonourQuery,
      response: { 200: z.object({ honours: z.array(HonourSchema) }), ...errorResponses },
    },
  }, async (req) => ({ honours: await listHonours(ctx, requireUser(req), req.query) }));

  app.post('/honours', {
    config: { access: { action: 'person.manage' } },
    schema: {
      tags: ['people'],
      summary: 'Record an honour in the register (a deliberation\'s decision, an earlier year)',
      body: HonourCreate,
      response: { 201: z.object({ honour: HonourSchema }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ honour: await createHonour(ctx, requireUser(req), req.body) }));
}
