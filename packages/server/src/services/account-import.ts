// Accounts in bulk from Excel (issue 18 item 2): a template per campaign (姓名, 账号, 手机, 单位, 角色,
// 负责指标 — with lists of the campaign's units and the roles to pick from), a preview naming every
// wrong cell (row, column, what is wrong), and a confirmation that creates every row or none (one
// transaction). Usernames left empty are made from the name's pinyin; passwords are random and
// returned once, for the account sheet (账号分发单), which is also offered as an .xlsx.
import ExcelJS from 'exceljs';
import type { Spec } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { hashPassword, randomPassword } from '../auth/password.ts';
import { can } from '../policy.ts';
import { findOrganization, listUsers, loadScope } from '../repositories/users.ts';
import type { GrantDto } from '../schemas/common.ts';
import { USERNAME, type BulkRow, type IssuedAccount, type RowError } from '../schemas/accounts.ts';
import type { Role } from '../db/schema.ts';
import type { UploadedFile } from '../http/upload.ts';
import type { Lang } from '../http/language.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { readSheet } from './sheet.ts';
import { insertNewUser } from './users.ts';
import { loginUrl, ROLE_WORDS, type Manager } from './accounts.ts';
import { qrPng, qrSvg } from './qr.ts';
import { usernameOf } from './usernames.ts';

export { usernameOf };

/** at most this many accounts per sheet */
export const BULK_MAX_ROWS = 500;
export const BULK_MAX_BYTES = 1024 * 1024;

export const COLUMNS = ['姓名', '账号', '手机', '单位', '角色', '负责指标'] as const;
type Column = (typeof COLUMNS)[number];
const EN: Record<Column, string> = { 姓名: 'name', 账号: 'account', 手机: 'phone', 单位: 'unit', 角色: 'role', 负责指标: 'indicators' };

export const ROLE_ZH: Record<Role, string> = { reporter: '填报员', scorer: '评分员', leader: '分管领导', organizer: '组织者', admin: '系统管理员' };
const BULK_ROLE_LIST = ['reporter', 'scorer', 'leader', 'organizer'] as const;

const SPLIT = /[、,，;；\n]+/;

async function campaignFor(ctx: Ctx, actor: Manager, campaignId: string) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const scope = actor.scope ?? (await loadScope(ctx.db));
  if (!can({ ...actor, scope }, 'users.manage', { organizationId: campaign.organizationId })) {
    throw new AppError('forbidden', { zh: '不能在该竞赛的组织中创建账号', en: "You may not create accounts in this campaign's organization" });
  }
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  return { campaign, spec };
}

/** The template: one row per account; lists of the campaign's units, the roles and the indicators to pick from. */
export async function accountTemplate(ctx: Ctx, actor: Manager, campaignId: string): Promise<{ filename: string; bytes: Buffer }> {
  const { campaign, spec } = await campaignFor(ctx, actor, campaignId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai 擂台';
  wb.created = ctx.now();
  const ws = wb.addWorksheet('账号', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.getRow(1).values = ['姓名', '账号（可空，按姓名拼音生成）', '手机（可空）', '单位', '角色', '负责指标（评分员、分管领导；多个用“、”分隔）'];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(1).height = 36;
  [12, 22, 16, 22, 12, 36].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  // the lists live on a hidden sheet: a list typed into the validation is limited to 255 characters
  const lists = wb.addWorksheet('名单', { state: 'hidden' });
  lists.getRow(1).values = ['单位', '角色', '指标'];
  spec.units.forEach((u, i) => { lists.getCell(i + 2, 1).value = u.name; });
  BULK_ROLE_LIST.forEach((r, i) => { lists.getCell(i + 2, 2).value = ROLE_ZH[r]; });
  spec.indicators.forEach((d, i) => { lists.getCell(i + 2, 3).value = d.name; });
  const last = BULK_MAX_ROWS + 1;
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const list = (col: string, n: number) => `名单!$${col}$2:$${col}$${Math.max(n + 1, 2)}`;
  // a leader may lead several units: the unit list warns instead of refusing
  validations.add(`D2:D${last}`, { type: 'list', allowBlank: true, formulae: [list('A', spec.units.length)], showErrorMessage: true, errorStyle: 'warning', errorTitle: '单位', error: '请从列表中选择本竞赛的单位（分管领导可填多个，用“、”分隔）' });
  validations.add(`E2:E${last}`, { type: 'list', allowBlank: false, formulae: [list('B', BULK_ROLE_LIST.length)], showErrorMessage: true, errorStyle: 'stop', errorTitle: '角色', error: '请从列表中选择：填报员、评分员、分管领导、组织者' });
  validations.add(`F2:F${last}`, { type: 'list', allowBlank: true, formulae: [list('C', spec.indicators.length)], showErrorMessage: true, errorStyle: 'warning', errorTitle: '负责指标', error: '请从列表中选择本竞赛的指标（多个用“、”分隔）' });
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  [
    `${campaign.name} · 批量创建账号`,
    '',
    '1. 在“账号”工作表中每行填写一个人：姓名、单位、角色必填（组织者可不填单位）；账号和手机可空。',
    '2. 角色：填报员（填报所在单位的数据，须填单位）；评分员（须填负责指标）；分管领导（可填分管的单位和指标，不填为全部）；组织者（管理本组织的竞赛）。',
    '3. 账号留空时按姓名拼音生成（重名时加数字）；填写时只能用字母、数字、下划线、点和连字符，且不能与已有账号重复。',
    `4. 每次最多 ${BULK_MAX_ROWS} 行。上传后先预览，有误的行会标出行号、列名和原因；全部无误并确认后才一次性创建，否则一个账号也不会创建。`,
    '5. 初始密码由系统随机生成，只在创建后的“账号分发单”中显示一次；每人首次登录须修改密码。',
  ].forEach((text, i) => { help.getCell(i + 1, 1).value = text; });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `账号模板-${campaign.name}.xlsx`, bytes };
}

interface Resolve {
  byName: Map<string, string>;
  ids: Set<string>;
  nameOf: Map<string, string>;
}
const resolver = (items: { id: string; name: string }[]): Resolve => ({
  byName: new Map(items.map((x) => [x.name, x.id])),
  ids: new Set(items.map((x) => x.id)),
  nameOf: new Map(items.map((x) => [x.id, x.name])),
});

function roleOf(text: string): (typeof BULK_ROLE_LIST)[number] | undefined {
  const t = text.trim().toLowerCase();
  return BULK_ROLE_LIST.find((r) => ROLE_WORDS[r].some((w) => w.toLowerCase() === t));
}

const PHONE_OK = /^(1\d{10}|[0-9+\- ()]{5,20})$/;

function rowProblems(row: Omit<BulkRow, 'row'>, spec: Spec): { column: Column; zh: string; en: string }[] {
  const out: { column: Column; zh: string; en: string }[] = [];
  if (row.role === 'reporter' && row.unitIds.length === 0) out.push({ column: '单位', zh: '填报员须填写单位', en: 'a reporter needs a unit' });
  if (row.role === 'scorer' && row.indicatorIds.length === 0) out.push({ column: '负责指标', zh: '评分员须填写负责指标', en: 'a scorer needs indicators' });
  if (row.role === 'organizer' && (row.unitIds.length > 0 || row.indicatorIds.length > 0)) {
    out.push({ column: '单位', zh: '组织者不分单位和指标，请留空', en: 'an organizer has no units or indicators; leave them empty' });
  }
  if (row.role === 'reporter' && row.indicatorIds.length > 0) out.push({ column: '负责指标', zh: '填报员不填负责指标（填报其单位的全部数值指标）', en: "a reporter has no indicators (they report their unit's figures)" });
  if (row.role === 'scorer' && row.unitIds.length > 0) out.push({ column: '单位', zh: '评分员不填单位', en: 'a scorer has no unit' });
  for (const u of row.unitIds) if (!spec.units.some((x) => x.id === u)) out.push({ column: '单位', zh: `竞赛中没有单位“${u}”`, en: `the campaign has no unit "${u}"` });
  for (const d of row.indicatorIds) if (!spec.indicators.some((x) => x.id === d)) out.push({ column: '负责指标', zh: `竞赛中没有指标“${d}”`, en: `the campaign has no indicator "${d}"` });
  if (row.phone && !PHONE_OK.test(row.phone)) out.push({ column: '手机', zh: `手机号码“${row.phone}”格式不正确`, en: `the phone number "${row.phone}" is not valid` });
  return out;
}

const pick = (lang: Lang, p: { zh: string; en: string }) => (lang === 'en' ? p.en : p.zh);
const columnName = (lang: Lang, c: Column) => (lang === 'en' ? EN[c] : c);

/** Reads an uploaded sheet into rows (names resolved), with every problem on its row and column. Nothing is stored. */
export async function previewAccounts(ctx: Ctx, actor: Manager, campaignId: string, file: UploadedFile, lang: Lang) {
  const { spec } = await campaignFor(ctx, actor, campaignId);
  const { rows: grid } = await readSheet(file);
  if (grid.length === 0) throw new AppError('validation_failed', { zh: '表格是空的', en: 'The sheet is empty' });
  const [head, ...body] = grid;
  const col = {} as Record<Column, number>;
  COLUMNS.forEach((c) => { col[c] = head.cells.findIndex((h) => h.replace(/\s/g, '').startsWith(c === '负责指标' ? '负责指标' : c)); });
  const missing = (['姓名', '单位', '角色'] as Column[]).filter((c) => col[c] < 0);
  if (missing.length > 0) {
    throw new AppError('validation_failed', { zh: `表格第 1 行缺少列：${missing.join('、')}（请使用下载的模板）`, en: `Row 1 of the sheet lacks the columns ${missing.map((c) => EN[c]).join(', ')} (use the downloaded template)` });
  }
  if (body.length > BULK_MAX_ROWS) {
    throw new AppError('validation_failed', { zh: `一次最多创建 ${BULK_MAX_ROWS} 个账号，表格有 ${body.length} 行`, en: `At most ${BULK_MAX_ROWS} accounts at once; the sheet has ${body.length} rows` }, undefined, undefined, 413);
  }
  const units = resolver(spec.units);
  const indicators = resolver(spec.indicators);
  const taken = new Set((await listUsers(ctx.db)).map((u) => u.username.toLowerCase()));
  const cell = (r: { cells: string[] }, c: Column) => (col[c] >= 0 ? (r.cells[col[c]] ?? '').trim() : '');
  const errors: RowError[] = [];
  const err = (row: number, c: Column, m: { zh: string; en: string }) => errors.push({ row, column: columnName(lang, c), message: pick(lang, m) });
  // accounts written in the sheet are reserved first, so that generated ones never take them
  const given = new Map<string, number>();
  for (const r of body) {
    const u = cell(r, '账号');
    if (!u) continue;
    const key = u.toLowerCase();
    if (!USERNAME.safeParse(u).success) err(r.row, '账号', { zh: `账号“${u}”只能包含字母、数字、下划线、点和连字符（不超过 64 个字符）`, en: `the account "${u}" may only hold letters, digits, _ . and - (at most 64)` });
    else if (taken.has(key)) err(r.row, '账号', { zh: `账号“${u}”已存在`, en: `the account "${u}" already exists` });
    else if (given.has(key)) err(r.row, '账号', { zh: `账号“${u}”与第 ${given.get(key)} 行重复`, en: `the account "${u}" repeats row ${given.get(key)}` });
    if (!given.has(key)) given.set(key, r.row);
  }
  const used = new Set([...taken, ...given.keys()]);
  const rows = [];
  for (const r of body) {
    const displayName = cell(r, '姓名');
    if (!displayName) err(r.row, '姓名', { zh: '姓名不能为空', en: 'the name is empty' });
    else if ([...displayName].length > 100) err(r.row, '姓名', { zh: '姓名超过 100 个字符', en: 'the name is longer than 100 characters' });
    const roleText = cell(r, '角色');
    const role = roleOf(roleText);
    if (!role) err(r.row, '角色', roleText ? { zh: `未知角色“${roleText}”（可填：填报员、评分员、分管领导、组织者）`, en: `unknown role "${roleText}" (reporter, scorer, leader or organizer)` } : { zh: '角色不能为空', en: 'the role is empty' });
    const names = (c: Column, rs: Resolve, zh: string, en: string) => {
      const out: string[] = [];
      for (const n of cell(r, c).split(SPLIT).map((x) => x.trim()).filter(Boolean)) {
        const id = rs.byName.get(n) ?? (rs.ids.has(n) ? n : undefined);
        if (id === undefined) err(r.row, c, { zh: `${zh}“${n}”不在本竞赛中`, en: `${en} "${n}" is not in this campaign` });
        else if (!out.includes(id)) out.push(id);
      }
      return out;
    };
    const unitIds = names('单位', units, '单位', 'unit');
    const indicatorIds = names('负责指标', indicators, '指标', 'indicator');
    const phone = cell(r, '手机') || null;
    let username = cell(r, '账号');
    const generated = !username;
    if (generated && displayName) {
      const base = usernameOf(displayName);
      username = base;
      for (let n = 2; used.has(username); n += 1) username = `${base}${n}`;
      used.add(username);
    }
    if (role) {
      for (const p of rowProblems({ displayName, username, phone, role, unitIds, indicatorIds }, spec)) {
        // unknown names are already reported above
        if (!/竞赛中没有/.test(p.zh)) err(r.row, p.column, p);
      }
    }
    rows.push({
      row: r.row, displayName, username, phone, role: role ?? 'reporter', unitIds, indicatorIds, generated,
      unitNames: unitIds.map((u) => units.nameOf.get(u) ?? u), indicatorNames: indicatorIds.map((d) => indicators.nameOf.get(d) ?? d),
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

function grantsOfRow(row: BulkRow, campaignId: string, organizationId: number): GrantDto[] {
  if (row.role === 'organizer') return [{ role: 'organizer', organizationId }];
  if (row.role === 'reporter') return row.unitIds.map((unitId) => ({ role: 'reporter', campaignId, unitId }));
  if (row.role === 'scorer') return row.indicatorIds.map((indicatorId) => ({ role: 'scorer', campaignId, indicatorId }));
  const out: GrantDto[] = [
    ...row.unitIds.map((unitId) => ({ role: 'leader' as const, campaignId, unitId })),
    ...row.indicatorIds.map((indicatorId) => ({ role: 'leader' as const, campaignId, indicatorId })),
  ];
  return out.length > 0 ? out : [{ role: 'leader', campaignId }];
}

/** Creates every row or none (one transaction); each with a random password, returned once. */
export async function createAccounts(ctx: Ctx, actor: Manager, campaignId: string, rows: BulkRow[], publicUrl: string, lang: Lang): Promise<IssuedAccount[]> {
  const { campaign, spec } = await campaignFor(ctx, actor, campaignId);
  const errors: RowError[] = [];
  const taken = new Set((await listUsers(ctx.db)).map((u) => u.username.toLowerCase()));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = r.username.toLowerCase();
    if (taken.has(key)) errors.push({ row: r.row, column: columnName(lang, '账号'), message: pick(lang, { zh: `账号“${r.username}”已存在`, en: `the account "${r.username}" already exists` }) });
    else if (seen.has(key)) errors.push({ row: r.row, column: columnName(lang, '账号'), message: pick(lang, { zh: `账号“${r.username}”与第 ${seen.get(key)} 行重复`, en: `the account "${r.username}" repeats row ${seen.get(key)}` }) });
    else seen.set(key, r.row);
    for (const p of rowProblems(r, spec)) errors.push({ row: r.row, column: columnName(lang, p.column), message: pick(lang, p) });
  }
  if (errors.length > 0) {
    throw new AppError('data_invalid', { zh: `有 ${errors.length} 处错误，未创建任何账号`, en: `${errors.length} problem(s); no account was created` }, undefined, { errors });
  }
  const passwords = rows.map(() => randomPassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const org = await findOrganization(ctx.db, campaign.organizationId);
  const created = await ctx.db.transaction(async (tx) => {
    const out = [];
    for (const [i, r] of rows.entries()) {
      out.push(await insertNewUser(tx, ctx, {
        username: r.username, displayName: r.displayName, phone: r.phone ?? null, organizationId: campaign.organizationId,
        grants: grantsOfRow(r, campaign.id, campaign.organizationId), mustChangePassword: true,
      }, hashes[i], actor));
    }
    return out;
  });
  const unitName = new Map(spec.units.map((u) => [u.id, u.name]));
  const indicatorName = new Map(spec.indicators.map((d) => [d.id, d.name]));
  return Promise.all(created.map(async (u, i) => {
    const url = loginUrl(publicUrl, u.username);
    return {
      userId: u.id, username: u.username, displayName: u.displayName, password: passwords[i], organizationName: org?.name ?? '',
      campaignNames: rows[i].role === 'organizer' ? [] : [campaign.name],
      unitNames: rows[i].unitIds.map((x) => unitName.get(x) ?? x), indicatorNames: rows[i].indicatorIds.map((x) => indicatorName.get(x) ?? x),
      roles: [rows[i].role], loginUrl: url, qrSvg: await qrSvg(url),
    };
  }));
}

/** The account sheet as an .xlsx: what the caller was just shown (nothing is read from the database). */
export async function accountSheetXlsx(ctx: Ctx, accounts: Omit<IssuedAccount, 'qrSvg' | 'userId'>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai 擂台';
  wb.created = ctx.now();
  const ws = wb.addWorksheet('账号分发单');
  ws.getRow(1).values = ['姓名', '单位', '角色', '账号', '初始密码', '登录地址', '二维码'];
  ws.getRow(1).font = { bold: true };
  [12, 24, 12, 18, 18, 44, 14].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  for (const [i, a] of accounts.entries()) {
    const r = ws.getRow(i + 2);
    r.values = [a.displayName, placeOf(a), a.roles.map((x) => ROLE_ZH[x]).join('、'), a.username, a.password, a.loginUrl];
    r.height = 80;
    r.alignment = { vertical: 'middle', wrapText: true };
    const image = wb.addImage({ buffer: (await qrPng(a.loginUrl, 200)) as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(image, { tl: { col: 6.1, row: i + 1.05 }, ext: { width: 100, height: 100 } });
  }
  const note = ws.getRow(accounts.length + 3);
  note.getCell(1).value = '初始密码只在此表中出现一次，请妥善分发；每人首次登录须修改密码。';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Where a person works, as the sheet shows it: their units, else their indicators, else their organization. */
export function placeOf(a: Pick<IssuedAccount, 'unitNames' | 'indicatorNames' | 'organizationName'>): string {
  if (a.unitNames.length > 0) return a.unitNames.join('、');
  if (a.indicatorNames.length > 0) return a.indicatorNames.join('、');
  return a.organizationName;
}
