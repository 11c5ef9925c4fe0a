// Typed functions, one per endpoint of docs/api-plan.md. Pages call these, never fetch directly.
import { API_BASE, request } from './client.ts';
import type {
  ActionResult, AuditEntry, AuditFilter, CampaignDetail, CampaignSummary, ChangeRequest, Figure, FigureStatus,
  HistoryResponse, MissingReport, Period, PeriodState, Reminder, RequestKind, RequestStatus, ResultsResponse, UploadPreview, User,
} from './types.ts';

const enc = encodeURIComponent;
const q = (period?: string | null) => (period ? `?period=${enc(period)}` : '');

// Auth
export const login = (username: string, password: string) =>
  request<{ user: User }>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
export const logout = () => request<void>('/auth/logout', { method: 'POST' });
export const me = () => request<{ user: User }>('/auth/me', { quiet401: true });

// Campaigns
export const listCampaigns = () => request<{ campaigns: CampaignSummary[] }>('/campaigns');
export const getCampaign = (id: string) => request<CampaignDetail>(`/campaigns/${enc(id)}`);
export const createCampaign = (spec: string) =>
  request<{ campaign: CampaignSummary }>('/campaigns', { method: 'POST', body: { spec } });
export const updateSpec = (id: string, spec: string) =>
  request<{ campaign: CampaignSummary }>(`/campaigns/${enc(id)}/spec`, { method: 'PUT', body: { spec } });

// Figures
export const getFigures = (id: string, period: string) =>
  request<{ figures: Figure[] }>(`/campaigns/${enc(id)}/figures${q(period)}`);
export const putFigure = (id: string, figure: { unit: string; indicator: string; period: string; value: string | null; version: number | null }) =>
  request<{ figure: Figure | null }>(`/campaigns/${enc(id)}/figures`, { method: 'PUT', body: figure });

// Results
export const getResults = (id: string, period?: string | null) =>
  request<ResultsResponse>(`/campaigns/${enc(id)}/results${q(period)}`);
export const getHistory = (id: string, unitId: string) =>
  request<HistoryResponse>(`/campaigns/${enc(id)}/units/${enc(unitId)}/history`);
export const getActions = (id: string, period?: string | null) =>
  request<{ actions: ActionResult[] }>(`/campaigns/${enc(id)}/actions${q(period)}`);

/** A query string of the given parameters, leaving out empty ones. */
function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
const c = (id: string) => `/campaigns/${enc(id)}`;

// Reporting periods, 催报 and the unit inbox
export const getPeriods = (id: string) => request<{ periods: Period[] }>(`${c(id)}/periods`);
export const updatePeriod = (id: string, period: string, body: { state?: PeriodState; deadline?: string | null; reason?: string }) =>
  request<{ period: Period }>(`${c(id)}/periods/${enc(period)}`, { method: 'PUT', body });
export const getMissing = (id: string, period: string) =>
  request<{ missing: MissingReport[] }>(`${c(id)}/periods/${enc(period)}/missing`);
export const sendReminders = (id: string, period: string, body: { units?: string[]; message?: string } = {}) =>
  request<{ sent: number }>(`${c(id)}/periods/${enc(period)}/reminders`, { method: 'POST', body });
export const getInbox = (id: string) => request<{ reminders: Reminder[] }>(`${c(id)}/inbox`);
export const markRead = (id: string, reminderId: number) =>
  request<void>(`${c(id)}/inbox/${reminderId}/read`, { method: 'POST' });

// Verification
export const getVerification = (id: string, period: string, status?: FigureStatus) =>
  request<{ figures: Figure[] }>(`${c(id)}/verification${qs({ period, status })}`);
export interface Decision {
  unit: string; indicator: string; period: string; version: number; decision: 'approve' | 'return'; reason?: string;
}
export const decide = (id: string, decisions: Decision[]) =>
  request<{ figures: Figure[] }>(`${c(id)}/verification`, { method: 'POST', body: { decisions } });

// Corrections and appeals
export const getRequests = (id: string, filter: { kind?: RequestKind; status?: RequestStatus } = {}) =>
  request<{ requests: ChangeRequest[] }>(`${c(id)}/requests${qs(filter)}`);
export const fileAppeal = (id: string, body: { unit: string; period: string; indicator?: string; reason: string }) =>
  request<{ request: ChangeRequest }>(`${c(id)}/appeals`, { method: 'POST', body });
export const requestCorrection = (id: string, body: { unit: string; indicator: string; period: string; value: string; reason: string }) =>
  request<{ request: ChangeRequest }>(`${c(id)}/corrections`, { method: 'POST', body });
export const decideRequest = (id: string, requestId: number, body: { decision: 'accept' | 'reject'; reply?: string }) =>
  request<{ request: ChangeRequest }>(`${c(id)}/requests/${requestId}/decision`, { method: 'POST', body });

// Audit log
export const getAudit = (filter: AuditFilter & { before?: number; limit?: number }) =>
  request<{ entries: AuditEntry[]; next: number | null }>(`/audit${qs({ ...filter })}`);
/** a plain link: the browser downloads the CSV with the session cookie */
export const auditExportUrl = (filter: AuditFilter) => `/api/v1/audit/export${qs({ ...filter })}`;

export const streamUrl = (id: string) => `/api/v1/campaigns/${enc(id)}/stream`;

// Excel round trip: the period template, an upload's preview, its error workbook, confirming it
export const templateUrl = (id: string, period: string) => `${API_BASE}${c(id)}/periods/${enc(period)}/template.xlsx`;
export const uploadErrorsUrl = (uploadId: string) => `${API_BASE}/uploads/${enc(uploadId)}/errors.xlsx`;
export const uploadFigures = (id: string, period: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<UploadPreview>(`${c(id)}/periods/${enc(period)}/upload`, { method: 'POST', form });
};
export const confirmUpload = (uploadId: string) =>
  request<{ saved: number; unchanged: number }>(`/uploads/${enc(uploadId)}/confirm`, { method: 'POST' });
