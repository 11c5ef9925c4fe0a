// The people of the browser tests, made through the API by the admin. One place, so that every
// test signs in as the same reporter of unit a, organizer and scorer of fai.
import { expect } from 'vitest';
import type { apiSession } from './server.ts';

type Admin = Awaited<ReturnType<typeof apiSession>>;

export const USERS = {
  reporter: {
    username: 'jiazhen', password: 'reporter-pass-1', displayName: '甲镇填报员', role: 'reporter',
    assignments: [{ campaignId: 'e2e-2026', unitId: 'a' }],
  },
  organizer: { username: 'zuzhibu', password: 'organizer-pass-1', displayName: '县委组织部', role: 'organizer' },
  scorer: {
    username: 'tongji', password: 'scorer-pass-12', displayName: '统计科', role: 'scorer',
    assignments: [{ campaignId: 'e2e-2026', indicatorId: 'fai' }],
  },
} as const;

/** Creates the user and checks the API said 201. */
export async function createUser(admin: Admin, who: keyof typeof USERS): Promise<void> {
  expect((await admin('POST', '/users', USERS[who])).status).toBe(201);
}
