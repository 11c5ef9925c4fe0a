// Accounts without a technician (issue 18 item 2): an organizer creates accounts one by one (a
// random password shown once), changes roles, disables and enables, resets passwords, and creates
// many at once from an Excel sheet — previewed with every wrong cell named, created all or none.
// A town's organizer manages only their town's accounts; every change is in the audit log.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../src/auth/password-policy.ts';
import { usernameOf } from '../src/services/account-import.ts';
import { multipartFile } from './support/multipart.ts';
import { makeCampaign, makeMember, makeOrganization, rootOrganization, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let root: number;
let townA: number;
let townB: number;
const C = 'small-2026';
const TOWN = 'town-a-2026';
const cookie = {} as Record<'county' | 'townA' | 'reporter', string>;

beforeAll(async () => {
  t = await testApp();
  root = await rootOrganization(t.app);
  townA = await makeOrganization(t.app, root, '甲镇党委');
  townB = await makeOrganization(t.app, root, '乙镇党委');
  await makeCampaign(t.app, smallSpec(C), [], root);
  await makeCampaign(t.app, smallSpec(TOWN), [], townA);
  cookie.county = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'organizer', organizationId: root }], 'county')).username);
  cookie.townA = await signIn(t.app, (await makeMember(t.app, townA, [{ role: 'organizer', organizationId: townA }], 'town-a')).username);
  cookie.reporter = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'reporter', campaignId: C, unitId: 'a' }], 'rep-a')).username);
});
afterAll(async () => { await t.close(); });

type Who = keyof typeof cookie;
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Who, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: cookie[who], 'accept-language': 'zh' } });

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'accept-language': 'zh' } });

/** The audit entries about an account, with their sentences in Chinese (the county organizer is "member N"). */
async function auditActions(subject: string): Promise<{ action: string; text: string }[]> {
  const res = await api('GET', `/audit?limit=200`, 'county');
  expect(res.statusCode).toBe(200);
  return (res.json().entries as { action: string; subject: string; text: { zh: string } }[])
    .filter((e) => e.subject === subject).map((e) => ({ action: e.action, text: e.text.zh.replace(/^member \d+ /, '') }));
}

async function sheet(rows: (string | null)[][], header = ['姓名', '账号', '手机', '单位', '角色', '负责指标']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function preview(campaign: string, bytes: Buffer, who: Who = 'county') {
  const { payload, headers } = multipartFile('accounts.xlsx', bytes);
  return t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/accounts/preview`, payload, headers: { ...headers, cookie: cookie[who], 'accept-language': 'zh' } });
}

describe('one account', () => {
  it('is created with a random strong password shown once, which must be changed at first sign-in', async () => {
    const res = await api('POST', '/users', 'county', {
      username: 'zhangsan', displayName: '张三', phone: '13800001111', organizationId: root, grants: [{ role: 'reporter', campaignId: C, unitId: 'b' }],
    });
    expect(res.statusCode).toBe(201);
    const { user, account } = res.json();
    expect(user.mustChangePassword).toBe(true);
    expect(user.phone).toBe('13800001111');
    expect(account.password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(passwordProblems(account.password, 'zhangsan')).toEqual([]);
    expect(account.unitNames).toEqual(['乙镇']);
    expect(account.loginUrl).toBe('http://localhost:3000/login?u=zhangsan');
    expect(account.qrSvg).toContain('<svg');
    // not stored in plain text: the list never shows it
    const list = await api('GET', '/users', 'county');
    expect(list.body).not.toContain(account.password);
    // the new user signs in and may do nothing but change the password
    const signedIn = await login('zhangsan', account.password);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    expect((await auditActions('zhangsan')).map((e) => e.action)).toContain('user.create');
  });

  it('without a username, makes one from the pinyin of the name (a number added when taken)', async () => {
    const first = await api('POST', '/users', 'county', { displayName: '张 三', organizationId: root, role: 'organizer' });
    expect(first.statusCode).toBe(201);
    expect(first.json().user.username).toBe('zhangsan2');
    expect(first.json().account.username).toBe('zhangsan2');
  });

  it('refuses a username already taken, naming it', async () => {
    const res = await api('POST', '/users', 'county', { username: 'zhangsan', displayName: '张三', organizationId: root, role: 'organizer' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('zhangsan');
  });

  it('gets new roles and assignments; the old ones go', async () => {
    const id = (await api('GET', '/users', 'county')).json().users.find((u: { username: string }) => u.username === 'zhangsan').id;
    const res = await api('PATCH', `/users/${id}`, 'county', {
      displayName: '张三丰', grants: [{ role: 'scorer', campaignId: C, indicatorId: 'style' }, { role: 'leader', campaignId: C, unitId: 'a' }],
    });
    expect(res.statusCode).toBe(200);
    const u = res.json().user;
    expect(u.displayName).toBe('张三丰');
    expect(u.grants).toEqual([{ role: 'scorer', campaignId: C, indicatorId: 'style' }, { role: 'leader', campaignId: C, unitId: 'a' }]);
    const bad = await api('PATCH', `/users/${id}`, 'county', { grants: [{ role: 'reporter', campaignId: C, unitId: 'zz' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('zz');
    const words = await auditActions('zhangsan');
    expect(words.find((e) => e.action === 'user.roles')?.text).toBe('调整了“张三丰”的角色和分工');
  });

  it('is disabled (cannot sign in, sessions end) and enabled again', async () => {
    const reset = await api('POST', '/users', 'county', { username: 'lisi', displayName: '李四', organizationId: root, grants: [{ role: 'reporter', campaignId: C, unitId: 'c' }] });
    const { user, account } = reset.json();
    const session = (await login('lisi', account.password)).cookies.find((c) => c.name === 'leitai_session');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `leitai_session=${session?.value}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await api('PATCH', `/users/${user.id}`, 'county', { disabled: true })).json().user.disabled).toBe(true);
    expect((await me()).statusCode).toBe(401);
    const refused = await login('lisi', account.password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('停用');
    expect((await api('PATCH', `/users/${user.id}`, 'county', { disabled: false })).json().user.disabled).toBe(false);
    expect((await login('lisi', account.password)).statusCode).toBe(200);
    const words = (await auditActions('lisi')).map((e) => e.text);
    expect(words).toContain('停用了账号“李四”');
    expect(words).toContain('启用了账号“李四”');
  });

  it('gets a new password on reset: the old one stops working, the new one must be changed', async () => {
    const created = (await api('POST', '/users', 'county', { username: 'wangwu', displayName: '王五', organizationId: root, grants: [{ role: 'reporter', campaignId: C, unitId: 'd' }] })).json();
    const res = await api('POST', `/users/${created.user.id}/password`, 'county');
    expect(res.statusCode).toBe(200);
    const { account } = res.json();
    expect(account.password).not.toBe(created.account.password);
    expect(account.unitNames).toEqual(['丁局']);
    expect((await login('wangwu', created.account.password)).statusCode).toBe(401);
    const ok = await login('wangwu', account.password);
    expect(ok.json().user.mustChangePassword).toBe(true);
    expect((await auditActions('wangwu')).map((e) => e.text)).toContain('重置了“王五”的密码');
  });

  it('an organizer cannot disable or reset themselves here', async () => {
    const me = (await api('GET', '/auth/me', 'county')).json().user.id;
    expect((await api('PATCH', `/users/${me}`, 'county', { disabled: true })).statusCode).toBe(400);
    expect((await api('POST', `/users/${me}/password`, 'county')).statusCode).toBe(400);
  });
});

describe('a town organizer', () => {
  it('sees and manages only the accounts of their town', async () => {
    const created = await api('POST', '/users', 'townA', { username: 'zhaoliu', displayName: '赵六', organizationId: townA, grants: [{ role: 'reporter', campaignId: TOWN, unitId: 'a' }] });
    expect(created.statusCode).toBe(201);
    const names = (await api('GET', '/users', 'townA')).json().users.map((u: { username: string }) => u.username);
    expect(names).toContain('zhaoliu');
    expect(names).not.toContain('zhangsan');
    expect(names).not.toContain('county');
    // the county's organizer sees the town's accounts too
    expect((await api('GET', '/users', 'county')).json().users.map((u: { username: string }) => u.username)).toContain('zhaoliu');
  });

  it('cannot create accounts in the county or a sibling town, nor grant roles in the county\'s campaign', async () => {
    expect((await api('POST', '/users', 'townA', { username: 'x1', displayName: 'x', organizationId: root, role: 'organizer' })).statusCode).toBe(403);
    expect((await api('POST', '/users', 'townA', { username: 'x2', displayName: 'x', organizationId: townB, role: 'organizer' })).statusCode).toBe(403);
    expect((await api('POST', '/users', 'townA', { username: 'x3', displayName: 'x', organizationId: townA, grants: [{ role: 'reporter', campaignId: C, unitId: 'a' }] })).statusCode).toBe(403);
  });

  it('cannot change, disable or reset a county account: it is not there (404)', async () => {
    const id = (await api('GET', '/users', 'county')).json().users.find((u: { username: string }) => u.username === 'wangwu').id;
    expect((await api('PATCH', `/users/${id}`, 'townA', { disabled: true })).statusCode).toBe(404);
    expect((await api('POST', `/users/${id}/password`, 'townA')).statusCode).toBe(404);
  });

  it('cannot bulk-create accounts for the county\'s campaign: it is not there (404)', async () => {
    expect((await api('GET', `/campaigns/${C}/accounts/template.xlsx`, 'townA')).statusCode).toBe(404);
  });

  it('a reporter cannot manage accounts at all', async () => {
    expect((await api('GET', '/users', 'reporter')).statusCode).toBe(403);
    expect((await api('POST', `/campaigns/${C}/accounts`, 'reporter', { rows: [] })).statusCode).toBe(403);
  });

  it('the county organizer cannot manage an admin', async () => {
    const admin = await makeMember(t.app, root, [{ role: 'admin', organizationId: root }], 'chief');
    const list = (await api('GET', '/users', 'county')).json().users;
    expect(list.find((u: { username: string }) => u.username === 'chief').manageable).toBe(false);
    expect((await api('POST', `/users/${admin.id}/password`, 'county')).statusCode).toBe(403);
    expect((await api('PATCH', `/users/${admin.id}`, 'county', { disabled: true })).statusCode).toBe(403);
  });
});

describe('accounts from Excel', () => {
  it('offers a template with the columns in Chinese and lists of units and roles', async () => {
    const res = await api('GET', `/campaigns/${C}/accounts/template.xlsx`, 'county');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('账号');
    expect((ws?.getRow(1).values as string[]).slice(1).map((v) => v.slice(0, 2))).toEqual(['姓名', '账号', '手机', '单位', '角色', '负责']);
    const lists = wb.getWorksheet('名单');
    expect([2, 3, 4, 5].map((r) => lists?.getCell(r, 1).value)).toEqual(['甲镇', '乙镇', '丙局', '丁局']);
    expect([2, 3, 4, 5].map((r) => lists?.getCell(r, 2).value)).toEqual(['填报员', '评分员', '分管领导', '组织者']);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const formulae = Object.values(dv).map((v) => v.formulae[0]);
    expect(formulae).toContain('名单!$A$2:$A$5');
    expect(formulae).toContain('名单!$B$2:$B$5');
  });

  it('makes usernames from the pinyin of names', () => {
    expect(usernameOf('陈小明')).toBe('chenxiaoming');
    expect(usernameOf('吕梅')).toBe('lvmei');
  });

  it('previews the rows, names every wrong cell by row and column, and creates nothing', async () => {
    const bytes = await sheet([
      ['孙七', '', '13900002222', '甲镇', '填报员', ''],
      ['周八', 'zhangsan', '', '乙镇', '填报员', ''],
      ['吴九', 'wu9', '', '火星镇', '填报员', ''],
      ['郑十', 'wu9', '', '丙局', '填报员', ''],
      ['冯一', '', '', '', '评分员', ''],
      ['陈二', '', '', '', '厨师', ''],
      ['', '', '', '丁局', '填报员', ''],
      ['褚三', '', '12ab', '丁局', '填报员', ''],
    ]);
    const res = await preview(C, bytes);
    expect(res.statusCode).toBe(200);
    const { rows, errors } = res.json();
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ row: 2, displayName: '孙七', username: 'sunqi', generated: true, role: 'reporter', unitIds: ['a'], unitNames: ['甲镇'], phone: '13900002222' });
    expect(errors).toEqual([
      { row: 3, column: '账号', message: '账号“zhangsan”已存在' },
      { row: 4, column: '单位', message: '单位“火星镇”不在本竞赛中' },
      { row: 4, column: '单位', message: '填报员须填写单位' },
      { row: 5, column: '账号', message: '账号“wu9”与第 4 行重复' },
      { row: 6, column: '负责指标', message: '评分员须填写负责指标' },
      { row: 7, column: '角色', message: '未知角色“厨师”（可填：填报员、评分员、分管领导、组织者）' },
      { row: 8, column: '姓名', message: '姓名不能为空' },
      { row: 9, column: '手机', message: '手机号码“12ab”格式不正确' },
    ]);
    expect((await api('GET', '/users', 'county')).json().users.map((u: { username: string }) => u.username)).not.toContain('sunqi');
  });

  it('refuses a sheet over the row limit and one without the needed columns', async () => {
    const many = await sheet(Array.from({ length: 501 }, (_, i) => [`人${i}`, `p${i}`, '', '甲镇', '填报员', '']));
    const res = await preview(C, many);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('500');
    const noRole = await preview(C, await sheet([['孙七', '甲镇']], ['姓名', '单位']));
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.message).toContain('角色');
  });

  it('creates every row or none: one bad row and nothing is stored', async () => {
    const ok = { displayName: '孙七', username: 'sunqi', role: 'reporter', unitIds: ['a'], indicatorIds: [] };
    const res = await api('POST', `/campaigns/${C}/accounts`, 'county', {
      rows: [{ row: 2, ...ok }, { row: 3, displayName: '周八', username: 'zhouba', role: 'reporter', unitIds: ['nowhere'], indicatorIds: [] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.errors).toEqual([{ row: 3, column: '单位', message: '竞赛中没有单位“nowhere”' }]);
    const names = (await api('GET', '/users', 'county')).json().users.map((u: { username: string }) => u.username);
    expect(names).not.toContain('sunqi');
    expect(names).not.toContain('zhouba');
  });

  it('creates the previewed accounts with random passwords, each changed at first sign-in', async () => {
    const bytes = await sheet([
      ['孙七', '', '13900002222', '甲镇', '填报员', ''],
      ['周八', '', '', '', '评分员', '作风'],
      ['钱多', 'qianduo', '', '甲镇、乙镇', '分管领导', '产值'],
      ['孙七', '', '', '乙镇', '填报员', ''],
    ]);
    const p = (await preview(C, bytes)).json();
    expect(p.errors).toEqual([]);
    // the second 孙七 gets another username
    expect(p.rows.map((r: { username: string }) => r.username)).toEqual(['sunqi', 'zhouba', 'qianduo', 'sunqi2']);
    const res = await api('POST', `/campaigns/${C}/accounts`, 'county', { rows: p.rows });
    expect(res.statusCode).toBe(201);
    const accounts = res.json().accounts as { username: string; password: string; unitNames: string[]; indicatorNames: string[]; organizationName: string }[];
    expect(accounts.map((a) => [a.username, a.unitNames, a.indicatorNames])).toEqual([
      ['sunqi', ['甲镇'], []], ['zhouba', [], ['作风']], ['qianduo', ['甲镇', '乙镇'], ['产值']], ['sunqi2', ['乙镇'], []],
    ]);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(4);
    for (const a of accounts) expect(passwordProblems(a.password, a.username)).toEqual([]);
    const signed = await login('sunqi', accounts[0].password);
    expect(signed.statusCode).toBe(200);
    expect(signed.json().user.mustChangePassword).toBe(true);
    expect(signed.json().user.grants).toEqual([{ role: 'reporter', campaignId: C, unitId: 'a' }]);
    const leader = (await login('qianduo', accounts[2].password)).json().user;
    expect(leader.grants).toEqual([
      { role: 'leader', campaignId: C, unitId: 'a' }, { role: 'leader', campaignId: C, unitId: 'b' }, { role: 'leader', campaignId: C, indicatorId: 'gdp' },
    ]);
    expect((await auditActions('zhouba')).map((e) => e.text)).toContain('创建了账号“周八”');
    // the same rows again: every one is taken now, nothing more is created
    const again = await api('POST', `/campaigns/${C}/accounts`, 'county', { rows: p.rows });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.errors).toHaveLength(4);
  });

  it('renders the account sheet as .xlsx from what it is given', async () => {
    const res = await api('POST', '/users/account-sheet', 'county', {
      accounts: [{ username: 'sunqi', displayName: '孙七', password: 'Abc123xyzPQR45', organizationName: '县委组织部', campaignNames: ['小型竞赛'], unitNames: ['甲镇'], indicatorNames: [], roles: ['reporter'], loginUrl: 'http://localhost:3000/login?u=sunqi' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('账号分发单');
    expect((ws?.getRow(1).values as string[]).slice(1)).toEqual(['姓名', '单位', '角色', '账号', '初始密码', '登录地址', '二维码']);
    expect((ws?.getRow(2).values as string[]).slice(1)).toEqual(['孙七', '甲镇', '填报员', 'sunqi', 'Abc123xyzPQR45', 'http://localhost:3000/login?u=sunqi']);
    expect(ws?.getImages()).toHaveLength(1);
  });
});
