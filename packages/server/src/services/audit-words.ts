// Audit entries told as sentences an organizer reads — "张三 将 青溪镇 2026-06 固定资产投资 由 8.3 改为
// 8.5" — with people by their display names and units, indicators and campaigns by their names (as
// they are now; the entry itself keeps the ids it was written with, and its hash covers only those).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, indicators, units, users } from '../db/schema.ts';
import type { AuditEntryDto } from '../schemas/audit.ts';

export interface Words { zh: string; en: string }

interface Names {
  user: Map<number, string>;
  campaign: Map<string, string>;
  unit: Map<string, string>;
  indicator: Map<string, string>;
}

const key = (campaignId: string, id: string) => `${campaignId}\u0000${id}`;

async function namesFor(ex: Executor, entries: AuditEntryDto[]): Promise<Names> {
  const userIds = [...new Set(entries.map((e) => e.actorId).filter((x): x is number => x !== null))];
  const campaignIds = [...new Set(entries.map((e) => e.campaignId).filter((x): x is string => x !== null))];
  const [us, cs, ns, is] = await Promise.all([
    userIds.length ? ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)) : [],
    campaignIds.length ? ex.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, campaignIds)) : [],
    campaignIds.length ? ex.select({ c: units.campaignId, id: units.id, name: units.name }).from(units).where(inArray(units.campaignId, campaignIds)) : [],
    campaignIds.length ? ex.select({ c: indicators.campaignId, id: indicators.id, name: indicators.name }).from(indicators).where(inArray(indicators.campaignId, campaignIds)) : [],
  ]);
  return {
    user: new Map(us.map((u) => [u.id, u.name])),
    campaign: new Map(cs.map((c) => [c.id, c.name])),
    unit: new Map(ns.map((u) => [key(u.c, u.id), u.name])),
    indicator: new Map(is.map((i) => [key(i.c, i.id), i.name])),
  };
}

const field = (x: unknown, k: string): string | null => {
  if (typeof x !== 'object' || x === null) return null;
  const v = (x as Record<string, unknown>)[k];
  return v === null || v === undefined ? null : String(v);
};

const STATE: Record<string, Words> = {
  unopened: { zh: '未开启', en: 'not open yet' }, open: { zh: '填报中', en: 'open' }, verification: { zh: '审核中', en: 'in verification' }, closed: { zh: '已关闭', en: 'closed' },
};

/** One entry as a sentence in both languages. */
export function sentence(e: AuditEntryDto, n: Names): Words {
  const who = (e.actorId !== null ? n.user.get(e.actorId) : undefined) ?? e.actor ?? '系统';
  const whoEn = (e.actorId !== null ? n.user.get(e.actorId) : undefined) ?? e.actor ?? 'the system';
  const c = e.campaignId ?? '';
  const campaign = n.campaign.get(c) ?? c;
  const parts = (e.subject ?? '').split('/');
  const unit = (id: string | undefined) => (id ? (n.unit.get(key(c, id)) ?? id) : '');
  const ind = (id: string | undefined) => (id ? (n.indicator.get(key(c, id)) ?? id) : '');
  // unit/indicator/period, the subject of figure entries
  const fig = parts.length === 3 ? `${unit(parts[0])} ${parts[2]} ${ind(parts[1])}` : (e.subject ?? '');
  const before = field(e.before, 'value');
  const after = field(e.after, 'value');
  const reason = e.reason ? `，原因：${e.reason}` : '';
  const reasonEn = e.reason ? ` (reason: ${e.reason})` : '';
  switch (e.action) {
    case 'figure.set':
      return before === null
        ? { zh: `${who} 填报 ${fig} 为 ${after}${reason}`, en: `${whoEn} entered ${fig}: ${after}${reasonEn}` }
        : { zh: `${who} 将 ${fig} 由 ${before} 改为 ${after}${reason}`, en: `${whoEn} changed ${fig} from ${before} to ${after}${reasonEn}` };
    case 'figure.clear':
      return { zh: `${who} 清除了 ${fig}（原为 ${before}）${reason}`, en: `${whoEn} cleared ${fig} (was ${before})${reasonEn}` };
    case 'figure.approve':
      return { zh: `${who} 审核通过 ${fig}（${before}）`, en: `${whoEn} approved ${fig} (${before})` };
    case 'figure.return':
      return { zh: `${who} 退回 ${fig}（${before}）${reason}`, en: `${whoEn} returned ${fig} (${before})${reasonEn}` };
    case 'evidence.add':
      return { zh: `${who} 为 ${fig} 上传佐证材料“${field(e.after, 'filename')}”`, en: `${whoEn} attached "${field(e.after, 'filename')}" to ${fig}` };
    case 'evidence.remove':
      return { zh: `${who} 删除了 ${fig} 的佐证材料“${field(e.before, 'filename')}”`, en: `${whoEn} removed "${field(e.before, 'filename')}" from ${fig}` };
    case 'campaign.create':
      return { zh: `${who} 创建了竞赛“${campaign}”`, en: `${whoEn} created the campaign "${campaign}"` };
    case 'campaign.spec_version':
      return { zh: `${who} 保存了“${campaign}”方案第 ${field(e.after, 'version')} 版`, en: `${whoEn} saved version ${field(e.after, 'version')} of "${campaign}"` };
    case 'campaign.archive':
      return { zh: `${who} 归档了竞赛“${campaign}”`, en: `${whoEn} archived "${campaign}"` };
    case 'period.state': {
      const s = STATE[field(e.after, 'state') ?? ''] ?? { zh: field(e.after, 'state') ?? '', en: field(e.after, 'state') ?? '' };
      return { zh: `${who} 将“${campaign}”${e.subject} 转为${s.zh}${reason}`, en: `${whoEn} set ${e.subject} of "${campaign}" to ${s.en}${reasonEn}` };
    }
    case 'period.deadline': {
      const d = field(e.after, 'deadline');
      return d
        ? { zh: `${who} 将“${campaign}”${e.subject} 的截止时间设为 ${d.slice(0, 16).replace('T', ' ')}`, en: `${whoEn} set the deadline of ${e.subject} of "${campaign}" to ${d.slice(0, 16).replace('T', ' ')}` }
        : { zh: `${who} 取消了“${campaign}”${e.subject} 的截止时间`, en: `${whoEn} removed the deadline of ${e.subject} of "${campaign}"` };
    }
    case 'reminder.send':
      return { zh: `${who} 向 ${unit(parts[0])} 发送了 ${parts[1] ?? ''} 的催报`, en: `${whoEn} sent ${unit(parts[0])} a reminder for ${parts[1] ?? ''}` };
    case 'correction.request':
      return { zh: `${who} 申请将 ${fig} 由 ${before} 更正为 ${after}${reason}`, en: `${whoEn} asked to correct ${fig} from ${before} to ${after}${reasonEn}` };
    case 'correction.accept': case 'appeal.accept':
      return { zh: `${who} 同意了 ${parts.length === 3 ? fig : `${unit(parts[0])} ${parts[1] ?? ''}`} 的${e.action.startsWith('appeal') ? '申诉' : '更正申请'}${reason}`, en: `${whoEn} accepted the ${e.action.startsWith('appeal') ? 'appeal' : 'correction'} of ${e.subject}${reasonEn}` };
    case 'correction.reject': case 'appeal.reject':
      return { zh: `${who} 驳回了 ${parts.length === 3 ? fig : `${unit(parts[0])} ${parts[1] ?? ''}`} 的${e.action.startsWith('appeal') ? '申诉' : '更正申请'}${reason}`, en: `${whoEn} rejected the ${e.action.startsWith('appeal') ? 'appeal' : 'correction'} of ${e.subject}${reasonEn}` };
    case 'appeal.submit':
      return { zh: `${who} 对 ${unit(parts[0])} ${parts[1] ?? ''} 的得分提出申诉${reason}`, en: `${whoEn} appealed the score of ${unit(parts[0])} for ${parts[1] ?? ''}${reasonEn}` };
    case 'auth.login':
      return { zh: `${who} 登录`, en: `${whoEn} signed in` };
    case 'auth.logout':
      return { zh: `${who} 退出登录`, en: `${whoEn} signed out` };
    case 'auth.login_failed':
      return { zh: `用户名“${e.subject ?? ''}”登录失败`, en: `failed sign-in as "${e.subject ?? ''}"` };
    case 'user.create':
      return { zh: `${who} 创建了账号“${field(e.after, 'displayName') ?? e.subject}”`, en: `${whoEn} created the account "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'user.update':
      return { zh: `${who} 修改了账号“${field(e.after, 'displayName') ?? e.subject}”的资料`, en: `${whoEn} changed the details of the account "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'user.roles':
      return { zh: `${who} 调整了“${field(e.after, 'displayName') ?? e.subject}”的角色和分工`, en: `${whoEn} changed the roles of "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'user.disable':
      return { zh: `${who} 停用了账号“${field(e.after, 'displayName') ?? e.subject}”`, en: `${whoEn} disabled the account "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'user.enable':
      return { zh: `${who} 启用了账号“${field(e.after, 'displayName') ?? e.subject}”`, en: `${whoEn} enabled the account "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'user.password_reset':
      return { zh: `${who} 重置了“${field(e.after, 'displayName') ?? e.subject}”的密码`, en: `${whoEn} reset the password of "${field(e.after, 'displayName') ?? e.subject}"` };
    case 'auth.login_disabled':
      return { zh: `已停用的账号“${e.subject ?? ''}”尝试登录`, en: `the disabled account "${e.subject ?? ''}" tried to sign in` };
    case 'bulletin.create': return { zh: `${who} 生成了“${campaign}”的通报草稿`, en: `${whoEn} drafted a bulletin of "${campaign}"` };
    case 'bulletin.update': return { zh: `${who} 修改了“${campaign}”的通报草稿`, en: `${whoEn} edited a bulletin draft of "${campaign}"` };
    case 'bulletin.delete': return { zh: `${who} 删除了“${campaign}”的通报草稿`, en: `${whoEn} deleted a bulletin draft of "${campaign}"` };
    case 'bulletin.publish': return { zh: `${who} 发布了“${campaign}”${field(e.after, 'period') ?? ''} 的通报`, en: `${whoEn} published the ${field(e.after, 'period') ?? ''} bulletin of "${campaign}"` };
    case 'kiosk.create': return { zh: `${who} 新建了“${campaign}”的大屏链接`, en: `${whoEn} created a big-screen link for "${campaign}"` };
    case 'kiosk.revoke': return { zh: `${who} 撤销了“${campaign}”的大屏链接`, en: `${whoEn} revoked a big-screen link of "${campaign}"` };
    default: {
      if (e.action.startsWith('case.')) return caseSentence(e, who, whoEn, unit(parts[0]), reason, reasonEn);
      const w = ACTION_WORDS[e.action];
      if (!w) return { zh: `${who} ${e.action} ${e.subject ?? ''}`.trim(), en: `${whoEn} ${e.action} ${e.subject ?? ''}`.trim() };
      const what = objectOf(e, n.unit.has(key(c, parts[0])) ? unit(parts[0]) : null);
      return { zh: `${who} ${w.zh}${what ? ` ${what}` : ''}${reason}`, en: `${whoEn} ${w.en}${what ? ` ${what}` : ''}${reasonEn}` };
    }
  }
}

/**
 * What the remaining actions did, as an organizer says it; the object (objectOf) follows. Every
 * action an audit entry is written with has words here or above (audit-words.test.ts reads the
 * sources to check): an organizer never reads "selection.panel_open selection 12".
 */
export const ACTION_WORDS: Record<string, Words> = {
  'auth.password_change': { zh: '修改了自己的密码', en: 'changed their password' },
  'ballot.create': { zh: '发起了投票', en: 'opened the ballot' },
  'ballot.close': { zh: '结束了投票', en: 'closed the ballot' },
  'commitment.create': { zh: '起草了承诺', en: 'drafted the commitment' },
  'commitment.update': { zh: '修改了承诺草稿', en: 'edited the draft commitment' },
  'commitment.submit': { zh: '提交了承诺', en: 'submitted the commitment' },
  'commitment.approve': { zh: '审核通过了承诺', en: 'approved the commitment' },
  'commitment.return': { zh: '退回了承诺', en: 'returned the commitment' },
  'commitment.progress': { zh: '报告了承诺进展', en: 'reported progress on the commitment' },
  'commitment.report': { zh: '报送了承诺年终述诺', en: 'reported on the commitment at year end' },
  'commitment.evaluate': { zh: '评定了承诺兑现情况', en: 'rated how the commitment was kept' },
  'commitment.rating': { zh: '发起了承诺评议', en: 'opened the rating of the commitment' },
  'commitment.case': { zh: '就承诺未兑现立了问责事项', en: 'opened a case on the commitment not kept' },
  'commitment.file': { zh: '上传了承诺佐证材料', en: 'attached a file to the commitment' },
  'commitment.remark': { zh: '批注了承诺', en: 'remarked on the commitment' },
  'honour.create': { zh: '登记了表彰', en: 'entered the honour' },
  'ledger_entry.create': { zh: '记录了实绩', en: 'recorded a ledger entry' },
  'ledger_entry.update': { zh: '修改了实绩记录', en: 'edited a ledger entry' },
  'ledger_entry.file_add': { zh: '为实绩记录上传了佐证材料', en: 'attached evidence to a ledger entry' },
  'ledger_entry.file_remove': { zh: '删除了实绩记录的佐证材料', en: 'removed evidence from a ledger entry' },
  'ledger_entry.approve': { zh: '审核通过了实绩记录', en: 'approved a ledger entry' },
  'ledger_entry.return': { zh: '退回了实绩记录', en: 'returned a ledger entry' },
  'meeting.create': { zh: '安排了会议', en: 'arranged the meeting' },
  'meeting.update': { zh: '修改了会议安排', en: 'changed the meeting' },
  'meeting.units': { zh: '调整了参会单位', en: 'changed the units called to the meeting' },
  'meeting.statement': { zh: '记录了表态', en: 'recorded the statement' },
  'meeting.follow_up': { zh: '布置了会后跟进事项', en: 'added a follow-up' },
  'meeting.follow_up_case': { zh: '将跟进事项转为问责事项', en: 'turned a follow-up into a case' },
  'meeting.follow_up_done': { zh: '更新了跟进事项的完成情况', en: 'updated a follow-up' },
  'meeting.planned': { zh: '将会议改回筹备中', en: 'set the meeting back to planned' },
  'meeting.held': { zh: '将会议标为已召开', en: 'marked the meeting held' },
  'meeting.closed': { zh: '归档了会议', en: 'closed the meeting' },
  'organization.create': { zh: '新建了组织', en: 'created the organization' },
  'organization.update': { zh: '修改了组织', en: 'changed the organization' },
  'person.create': { zh: '登记了人员', en: 'entered the person' },
  'person.ledger': { zh: '为人员记录了实绩', en: 'recorded a ledger entry of' },
  'project.create': { zh: '新建了项目', en: 'created the project' },
  'project.progress': { zh: '报告了项目进展', en: 'reported progress on the project' },
  'project.milestone': { zh: '更新了项目节点', en: 'updated a milestone of the project' },
  'project.file': { zh: '上传了项目材料', en: 'attached a file to the project' },
  'project.case': { zh: '就项目节点逾期立了问责事项', en: 'opened a case on an overdue milestone of the project' },
  'rollup.create': { zh: '新建了上下联动', en: 'linked a figure to a lower campaign' },
  'rollup.delete': { zh: '删除了上下联动', en: 'removed a link to a lower campaign' },
  'rollup.apply': { zh: '从下级竞赛汇总了数据', en: 'carried a figure up from a lower campaign' },
  'selection.create': { zh: '发起了评选', en: 'started the selection' },
  'selection.nominate': { zh: '推荐了评选人选', en: 'nominated for the selection' },
  'selection.withdraw': { zh: '撤回了评选推荐', en: 'withdrew a nomination' },
  'selection.panel_open': { zh: '启动了述比排序评议', en: 'opened the panel of the selection' },
  'selection.elect': { zh: '产生了评选结果', en: 'elected by the selection' },
  'selection.tie_decision': { zh: '对评选并列作出决定', en: 'decided the tie of the selection' },
  'selection.publicity': { zh: '开始了评选公示', en: 'started the publicity of the selection' },
  'selection.objection_uphold': { zh: '采纳了公示异议', en: 'upheld an objection' },
  'selection.objection_dismiss': { zh: '不采纳公示异议', en: 'dismissed an objection' },
  'selection.confirm': { zh: '确认了评选结果并登记表彰', en: 'confirmed the selection into the honours register' },
  'supervision.create': { zh: '记录了督查', en: 'recorded a supervision' },
  'supervision.event': { zh: '更新了督查记录', en: 'updated a supervision' },
  'supervision.file_add': { zh: '上传了督查材料', en: 'attached a file to a supervision' },
  'visit.create': { zh: '记录了领导走访', en: 'recorded a leader\'s visit' },
};

/** What an entry acted on, by name (never "selection 12"): its unit, or the title or name it carries. */
function objectOf(e: AuditEntryDto, unitName: string | null): string | null {
  if (unitName) return unitName;
  for (const k of ['title', 'name', 'honour']) {
    const v = field(e.after, k) ?? field(e.before, k);
    if (v) return `“${v}”`;
  }
  const subject = e.subject ?? '';
  // commitment/12 承诺标题
  const titled = /^[a-z_]+\/\d+ (.+)$/.exec(subject);
  if (titled) return `“${titled[1]}”`;
  // an organization's entries name it by its name
  if (e.action.startsWith('organization.') && subject) return `“${subject}”`;
  return null;
}

const CASE_WORDS: Record<string, Words> = {
  'case.issue': { zh: '下发了问责事项', en: 'issued the case' }, 'case.sign': { zh: '签收了问责事项', en: 'signed for the case' },
  'case.report': { zh: '报送了整改报告', en: 'reported on the rectification of the case' }, 'case.return': { zh: '退回了整改报告', en: 'returned the rectification report of the case' },
  'case.close': { zh: '销号了问责事项', en: 'closed the case' }, 'case.escalate': { zh: '升级了问责事项', en: 'escalated the case' },
  'case.extension_request': { zh: '申请延期', en: 'asked for more time on the case' }, 'case.extension_grant': { zh: '同意延期', en: 'granted more time on the case' },
  'case.extension_refuse': { zh: '不同意延期', en: 'refused more time on the case' }, 'case.interview': { zh: '记录了约谈', en: 'recorded the interview of the case' },
  'case.file_add': { zh: '上传了问责事项材料', en: 'attached a file to the case' }, 'case.file_remove': { zh: '删除了问责事项材料', en: 'removed a file of the case' },
  'case.merge': { zh: '将问责建议合并到问责事项', en: 'merged a proposal into the case' }, 'case.dismiss': { zh: '不予下发问责建议', en: 'dismissed a proposal' },
  'case.propose': { zh: '生成了问责建议', en: 'proposed cases' }, 'case.settings': { zh: '修改了问责设置', en: 'changed the case settings' },
};

function caseSentence(e: AuditEntryDto, who: string, whoEn: string, unitName: string, reason: string, reasonEn: string): Words {
  const w = CASE_WORDS[e.action] ?? { zh: e.action, en: e.action };
  const number = field(e.after, 'number');
  const what = e.action === 'case.propose' || e.action === 'case.settings' ? (e.action === 'case.propose' ? ` ${e.subject ?? ''}` : '') : ` ${unitName}${number ? ` ${number}` : ''}`;
  return { zh: `${who} ${w.zh}${what}${reason}`, en: `${whoEn} ${w.en}${what}${reasonEn}` };
}

/** The entries with who did it by display name and what happened as a sentence. */
export async function withWords(ex: Executor, entries: AuditEntryDto[]): Promise<AuditEntryDto[]> {
  if (entries.length === 0) return entries;
  const n = await namesFor(ex, entries);
  return entries.map((e) => ({ ...e, actorName: e.actorId !== null ? (n.user.get(e.actorId) ?? null) : null, text: sentence(e, n) }));
}
