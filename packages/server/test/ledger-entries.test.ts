// A person campaign's performance ledger entered by reporters (issue 17 item 2): a competitor's
// reporter records entries with evidence files (the evidence limits); the section responsible for
// the key work's indicator approves or returns them with a reason; a returned entry is corrected
// and waits again; approved entries are final and show on the person's page; every step audited,
// a refused step changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
let reporter1: string;
let reporter2: string;
let scorerWork: string;
let scorerStyle: string;
const C = 'cadre-ledger-2026';
const U = `/api/v1/campaigns/${C}/ledger-entries`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const people: Record<string, number> = {};

const send = (method: 'POST' | 'PUT' | 'GET' | 'DELETE', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const upload = (id: number, cookie: string, name = '会议记录.png', data: Uint8Array = PNG) => {
  const f = multipartFile(name, data);
  return t.app.inject({ method: 'POST', url: `${U}/${id}/files`, payload: f.payload, headers: { ...f.headers, cookie } });
};

beforeAll(async () => {
  t = await testApp();
  organizer = (await session(t.app, 'organizer')).cookie;
  for (const [name, unit] of [['张三', '甲镇'], ['李四', '乙镇']]) {
    const res = await send('POST', '/api/v1/persons', organizer, { name, unit, post: 'secretary' });
    people[name] = res.json().person.id;
  }
  await makeCampaign(t.app, `version: 1
campaign: { id: ${C}, name: 书记实绩考评, year: 2026, cadence: quarter, subject: person }
groups: [{ id: town, name: 乡镇党委书记 }]
units:
  - { id: zs, name: 张三, group: town, person: ${people['张三']} }
  - { id: ls, name: 李四, group: town, person: ${people['李四']} }
  - { id: nobody, name: 待定, group: town }
indicators:
  - { id: work, name: 重点工作, input: score, weight: 60 }
  - { id: style, name: 作风建设, input: score, weight: 40 }
`);
  reporter1 = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'zs' }])).cookie;
  reporter2 = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'ls' }])).cookie;
  scorerWork = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'work' }])).cookie;
  scorerStyle = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'style' }])).cookie;
});
afterAll(async () => { await t.close(); });

const entry = { unit: 'zs', date: '2026-02-14', what: '牵头化解信访积案 3 件', indicator: 'work', keyWork: '信访维稳' };

describe('reporter-entered ledger entries', () => {
  let id: number;

  it('bad input names what and where; nothing is written', async () => {
    const cases: [object, number, string][] = [
      [{ ...entry, indicator: 'gdp' }, 400, 'indicator'],
      [{ ...entry, unit: 'zz' }, 400, 'unit'],
      [{ ...entry, unit: 'nobody' }, 400, '待定'],
      [{ ...entry, date: '2026-13-01' }, 400, 'date'],
      [{ ...entry, what: '  ' }, 400, 'what'],
    ];
    for (const [body, code, names] of cases) {
      const res = await send('POST', U, organizer, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(code);
      expect(JSON.stringify(res.json().error)).toContain(names);
    }
    expect((await send('GET', U, organizer)).json().entries).toEqual([]);
  });

  it('a reporter records an entry for their own competitor only; it waits for the section', async () => {
    expect((await send('POST', U, reporter2, entry)).statusCode).toBe(403);
    expect((await send('POST', U, scorerWork, entry)).statusCode).toBe(403);
    const res = await send('POST', U, reporter1, entry);
    expect(res.statusCode).toBe(201);
    id = res.json().entry.id;
    expect(res.json().entry).toMatchObject({ unitName: '张三', personName: '张三', indicatorName: '重点工作', state: 'pending', keyWork: '信访维稳', files: [] });
  });

  it('evidence files under the evidence limits, by the entry\'s reporter only', async () => {
    expect((await upload(id, reporter2)).statusCode).toBe(404);
    expect((await upload(id, reporter1, 'x.exe', Buffer.from('MZ\x90\x00not a document'))).statusCode).toBe(415);
    expect((await upload(id, reporter1, 'empty.png', new Uint8Array())).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) expect((await upload(id, reporter1, `记录${i}.png`)).statusCode).toBe(201);
    const sixth = await upload(id, reporter1);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.message).toContain('5');
    const e = (await send('GET', U, scorerWork)).json().entries[0];
    expect(e.files).toHaveLength(5);
    const dl = await send('GET', `${U}/${id}/files/${e.files[0].id}`, scorerWork);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect((await send('GET', `${U}/${id}/files/${e.files[0].id}`, reporter2)).statusCode).toBe(404);
  });

  it('a file is removed by the entry\'s reporter (the sixth refusal says to remove one), then another fits', async () => {
    const files = (await send('GET', U, reporter1)).json().entries[0].files as { id: string; filename: string }[];
    const last = files.find((f) => f.filename === '记录4.png') as { id: string };
    expect((await send('DELETE', `${U}/${id}/files/${last.id}`, reporter2)).statusCode).toBe(404);
    expect((await send('DELETE', `${U}/${id}/files/${last.id}`, scorerWork)).statusCode).toBe(403);
    expect((await send('DELETE', `${U}/${id}/files/nope`, reporter1)).statusCode).toBe(404);
    expect((await send('DELETE', `${U}/${id}/files/${last.id}`, reporter1)).statusCode).toBe(204);
    expect((await send('GET', `${U}/${id}/files/${last.id}`, reporter1)).statusCode).toBe(404);
    expect((await send('GET', U, reporter1)).json().entries[0].files).toHaveLength(4);
    expect((await upload(id, reporter1, '记录4.png')).statusCode).toBe(201);
    expect((await send('GET', U, reporter1)).json().entries[0].files).toHaveLength(5);
  });

  it('who sees what: a reporter their own entries, sections and organizers all; the queue by state', async () => {
    expect((await send('GET', U, reporter2)).json().entries).toEqual([]);
    expect((await send('GET', U, reporter1)).json().entries.map((e: { id: number }) => e.id)).toEqual([id]);
    expect((await send('GET', `${U}?state=pending`, scorerStyle)).json().entries).toHaveLength(1);
    expect((await send('GET', `${U}?state=approved`, organizer)).json().entries).toHaveLength(0);
  });

  it('the responsible section returns it with a reason (another section may not; no reason is refused naming reason)', async () => {
    expect((await send('POST', `${U}/${id}/verify`, scorerStyle, { decision: 'approve' })).statusCode).toBe(403);
    expect((await send('POST', `${U}/${id}/verify`, reporter1, { decision: 'approve' })).statusCode).toBe(403);
    const bare = await send('POST', `${U}/${id}/verify`, scorerWork, { decision: 'return', reason: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('reason');
    expect((await send('GET', U, organizer)).json().entries[0].state).toBe('pending');
    const res = await send('POST', `${U}/${id}/verify`, scorerWork, { decision: 'return', reason: '请补充信访事项办结回执' });
    expect(res.statusCode).toBe(200);
    expect(res.json().entry).toMatchObject({ state: 'returned', returnReason: '请补充信访事项办结回执' });
    expect(res.json().entry.verifiedBy).not.toBeNull();
    expect((await send('POST', `${U}/${id}/verify`, scorerWork, { decision: 'approve' })).statusCode).toBe(409);
  });

  it('a returned entry is a notice in its reporter\'s inbox, with the reason, in the reader\'s language; nobody else\'s', async () => {
    const inbox = async (cookie: string, lang = 'zh-CN') =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${C}/inbox`, headers: { cookie, 'accept-language': lang } })).json().reminders as
        { kind: string; period: string; unit: string; message: string; readAt: string | null; ledgerEntry?: number }[];
    const mine = await inbox(reporter1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'returned', period: '2026-02-14', unit: 'zs', readAt: null, ledgerEntry: id });
    expect(mine[0].message).toBe('2026-02-14 的实绩台账记录（“牵头化解信访积案 3 件”）被退回：请补充信访事项办结回执');
    expect((await inbox(reporter1, 'en'))[0].message).toBe('The ledger entry of 2026-02-14 ("牵头化解信访积案 3 件") was returned: 请补充信访事项办结回执');
    expect(await inbox(reporter2)).toEqual([]);
    expect(await inbox(scorerWork)).toEqual([]);
    expect((await inbox(organizer)).map((r) => r.ledgerEntry)).toEqual([id]);
  });

  it('corrected by the reporter it waits again; approved it is final and shows on the person\'s page', async () => {
    expect((await send('PUT', `${U}/${id}`, reporter2, { ...entry, unit: undefined })).statusCode).toBe(404);
    const put = await send('PUT', `${U}/${id}`, reporter1, { date: '2026-02-14', what: '牵头化解信访积案 3 件，均已办结', indicator: 'work', keyWork: '信访维稳' });
    expect(put.statusCode).toBe(200);
    expect(put.json().entry).toMatchObject({ state: 'pending', returnReason: null, what: '牵头化解信访积案 3 件，均已办结' });
    const ok = await send('POST', `${U}/${id}/verify`, scorerWork, { decision: 'approve' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().entry.state).toBe('approved');
    expect((await send('PUT', `${U}/${id}`, reporter1, { date: '2026-02-15', what: 'x', indicator: 'work' })).statusCode).toBe(409);
    expect((await upload(id, reporter1)).statusCode).toBe(409);
    const kept = (await send('GET', U, reporter1)).json().entries[0].files[0].id as string;
    expect((await send('DELETE', `${U}/${id}/files/${kept}`, reporter1)).statusCode).toBe(409);
    const page = (await send('GET', `/api/v1/persons/${people['张三']}`, organizer)).json();
    expect(page.ledger.map((l: { what: string; state: string; campaignName: string | null }) => [l.what, l.state, l.campaignName])).toEqual([['牵头化解信访积案 3 件，均已办结', 'approved', '书记实绩考评']]);
    // with the key work by name and the evidence files, to download from the campaign's entry
    expect(page.ledger[0]).toMatchObject({ campaign: C, indicatorName: '重点工作', keyWork: '信访维稳' });
    expect(page.ledger[0].files.map((f: { filename: string }) => f.filename).sort()).toEqual(['记录0.png', '记录1.png', '记录2.png', '记录3.png', '记录4.png']);
    expect((await send('GET', `${U}/${id}/files/${page.ledger[0].files[0].id}`, organizer)).statusCode).toBe(200);
  });

  it('every step is in the audit log', async () => {
    const audit = (await send('GET', `/api/v1/audit?campaign=${C}`, organizer)).json().entries as { action: string; reason: string | null }[];
    const steps = audit.filter((a) => a.action.startsWith('ledger_entry.')).map((a) => a.action);
    expect(steps.filter((s) => s === 'ledger_entry.file_add')).toHaveLength(6);
    expect(steps.filter((s) => s === 'ledger_entry.file_remove')).toHaveLength(1);
    for (const s of ['ledger_entry.create', 'ledger_entry.return', 'ledger_entry.update', 'ledger_entry.approve']) expect(steps).toContain(s);
    expect(audit.find((a) => a.action === 'ledger_entry.return')?.reason).toBe('请补充信访事项办结回执');
  });
});

describe('a draft: saved, not submitted', () => {
  let draft: number;

  it('a reporter saves a draft: only who keeps the ledger sees it; no section is asked; it cannot be verified', async () => {
    const res = await send('POST', U, reporter2, { unit: 'ls', date: '2026-03-02', what: '筹备乡村振兴现场会（草稿）', indicator: 'work', draft: true });
    expect(res.statusCode).toBe(201);
    draft = res.json().entry.id;
    expect(res.json().entry.state).toBe('draft');
    expect((await send('GET', U, reporter2)).json().entries.map((e: { id: number; state: string }) => [e.id, e.state])).toEqual([[draft, 'draft']]);
    expect((await send('GET', U, organizer)).json().entries.map((e: { id: number }) => e.id)).toContain(draft);
    // the sections see nothing of it: not in the list, not by id, not in the queue
    expect((await send('GET', U, scorerWork)).json().entries.map((e: { id: number }) => e.id)).not.toContain(draft);
    expect((await send('GET', `${U}?state=pending`, scorerWork)).json().entries.map((e: { id: number }) => e.id)).not.toContain(draft);
    expect((await send('POST', `${U}/${draft}/verify`, scorerWork, { decision: 'approve' })).statusCode).toBe(404);
    const byOrganizer = await send('POST', `${U}/${draft}/verify`, organizer, { decision: 'approve' });
    expect(byOrganizer.statusCode).toBe(409);
    expect(byOrganizer.json().error.message).toContain('尚未提交');
    // evidence can be added to a draft; the person's page does not show it
    expect((await upload(draft, reporter2, '现场会方案.png')).statusCode).toBe(201);
    const page = (await send('GET', `/api/v1/persons/${people['李四']}`, organizer)).json();
    expect(page.ledger.map((l: { what: string }) => l.what)).not.toContain('筹备乡村振兴现场会（草稿）');
  });

  it('saved again as a draft it stays one; saved without draft it is submitted and waits for the section', async () => {
    const again = await send('PUT', `${U}/${draft}`, reporter2, { date: '2026-03-02', what: '筹备乡村振兴现场会', indicator: 'work', draft: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().entry.state).toBe('draft');
    const submitted = await send('PUT', `${U}/${draft}`, reporter2, { date: '2026-03-02', what: '召开乡村振兴现场会', indicator: 'work' });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().entry.state).toBe('pending');
    expect((await send('GET', `${U}?state=pending`, scorerWork)).json().entries.map((e: { id: number }) => e.id)).toContain(draft);
    const audit = (await send('GET', `/api/v1/audit?campaign=${C}`, organizer)).json().entries as { action: string; subject: string; after: { state?: string } | null }[];
    const mine = audit.filter((a) => a.subject === `ls/ledger ${draft}` && a.action !== 'ledger_entry.file_add').map((a) => a.after?.state);
    expect(mine.sort()).toEqual(['draft', 'draft', 'pending']);
  });
});
