// The one error type of the server. Every failure a client sees has a stable code, an HTTP status
// and a message in both languages; the error handler picks the language and never shows a stack.
import type { Issue } from '@leitai/engine';

export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  spec_invalid: 422,
  data_invalid: 422,
  explanation_required: 422,
  conflict: 409,
  period_locked: 409,
  /** the period is not open for reporting yet (未开启) */
  period_not_open: 409,
  bulletin_published: 409,
  locked_out: 429,
  /** signed in with an initial or reset password: only changing it is allowed */
  password_change_required: 403,
  /** the per-user upload quota is used up */
  quota_exceeded: 429,
  /** the database cannot be reached (the server retries; /healthz says so) */
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  unauthenticated: { zh: '请先登录', en: 'Please sign in' },
  forbidden: { zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  not_found: { zh: '未找到', en: 'Not found' },
  validation_failed: { zh: '请求格式不正确', en: 'The request is not well-formed' },
  spec_invalid: { zh: '竞赛方案有误', en: 'The campaign spec has errors' },
  data_invalid: { zh: '填报数据有误', en: 'The figures have errors' },
  explanation_required: { zh: '该数据落后序时进度或较上期变化异常，请填写情况说明', en: 'This figure is behind schedule or jumps against the last period: add an explanation' },
  conflict: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  period_locked: { zh: '该考核期已锁定，不能修改数据', en: 'The period is locked; its figures cannot change' },
  period_not_open: { zh: '该考核期尚未开启填报', en: 'The period is not open for reporting yet' },
  bulletin_published: { zh: '通报已发布，不能再修改或删除；如需更正，请发布新版本', en: 'The bulletin is published and cannot change; publish a new version to correct it' },
  locked_out: { zh: '登录失败次数过多，请 15 分钟后再试', en: 'Too many failed sign-ins; try again in 15 minutes' },
  password_change_required: { zh: '请先修改初始密码', en: 'Change your initial password first' },
  quota_exceeded: { zh: '今日上传额度已用完', en: 'The upload quota for today is used up' },
  unavailable: { zh: '数据库暂时无法连接，请稍后再试', en: 'The database cannot be reached; try again shortly' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  readonly issues?: Issue[];
  /** extra fields of the error body (e.g. `current` and `conflicts` of a 409 on a figure) */
  readonly details?: Record<string, unknown>;

  /** `status` overrides the code's usual one (validation_failed as 413 too large / 415 wrong type) */
  constructor(code: ErrorCode, messages?: { zh: string; en: string }, issues?: Issue[], details?: Record<string, unknown>, status?: number) {
    const m = messages ?? DEFAULT_MESSAGES[code];
    super(m.en);
    this.name = 'AppError';
    this.code = code;
    this.status = status ?? ERROR_STATUS[code];
    this.zh = m.zh;
    this.en = m.en;
    this.issues = issues;
    this.details = details;
  }

  static notFound(what: { zh: string; en: string }): AppError {
    return new AppError('not_found', { zh: `未找到${what.zh}`, en: `${what.en} not found` });
  }
}
