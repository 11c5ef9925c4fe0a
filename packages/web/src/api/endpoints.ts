// Typed functions, one per endpoint of docs/api-plan.md. Pages call these, never fetch directly.
import { resultRows, type ResultColumns } from '@leitai/engine';
import { API_BASE, request } from './client.ts';
import type {
  ActionResult, AuditEntry, AuditFilter, CampaignDetail, CampaignSummary, ChangeRequest, Evidence, Figure, FigureEvidence, FigurePreview, FigureStatus,
  HistoryResponse, MissingReport, Overview, UnitExplanation, Period, PeriodState, Reminder, RequestKind, RequestStatus, ResultsResponse, UploadPreview, User,
} from './types.ts';
import type { NewRollup, RollupLink } from './types.ts';
import type { Bulletin, BulletinDraftInput, BulletinSummary, KioskToken, KioskView, PublicCampaign, PublicUnit } from './types.ts';

const enc = encodeURIComponent;
const q = (period?: string | null) => (period ? `?period=${enc(period)}` : '');

// Auth
export const login = (username: string, password: string) =>
  request<{ user: User }>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
export const logout = () => request<void>('/auth/logout', { method: 'POST' });
export const changePassword = (currentPassword: string, newPassword: string) =>
  request<{ user: User }>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
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
export const putFigure = (id: string, figure: { unit: string; indicator: string; period: string; value: string | null; version: number | null; explanation?: string | null }) =>
  request<{ figure: Figure | null }>(`/campaigns/${enc(id)}/figures`, { method: 'PUT', body: figure });

// The reporter's form: batch submit, live preview, evidence files
export interface FigureItem { unit: string; indicator: string; period: string; value: string; version: number | null; explanation?: string | null }
/** Figures stored and figures cleared in one write (all or nothing). */
export const saveFigures = (id: string, figures: FigureItem[], clears: { unit: string; indicator: string; period: string; version: number | null }[] = []) =>
  request<{ saved: number }>(`/campaigns/${enc(id)}/figures/batch`, { method: 'POST', body: { figures, clears } });
export const previewFigures = (id: string, body: { unit: string; period: string; values: Record<string, string | null> }, signal?: AbortSignal) =>
  request<FigurePreview>(`/campaigns/${enc(id)}/figures/preview`, { method: 'POST', body, signal });
export const getUnitEvidence = (id: string, unit: string, period: string) =>
  request<{ evidence: FigureEvidence[] }>(`/campaigns/${enc(id)}/figures/evidence?unit=${enc(unit)}&period=${enc(period)}`);
export const uploadEvidence = (id: string, key: { unit: string; indicator: string; period: string }, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ evidence: Evidence }>(`/campaigns/${enc(id)}/figures/evidence?unit=${enc(key.unit)}&indicator=${enc(key.indicator)}&period=${enc(key.period)}`, { method: 'POST', form });
};
export const removeEvidence = (evidenceId: string) => request<void>(`/evidence/${enc(evidenceId)}`, { method: 'DELETE' });
/** a plain link: the browser downloads the file (an attachment) with the session cookie */
export const evidenceUrl = (evidenceId: string) => `${API_BASE}/evidence/${enc(evidenceId)}`;

// Results
/** The leaderboard: fetched with its result in columns (a third of the bytes), given to pages as the engine's rows; `page`: only the units ranked offset+1 … offset+limit overall (a large campaign). */
export const getResults = async (id: string, period?: string | null, page?: { offset: number; limit: number }): Promise<ResultsResponse> => {
  const paging = page ? `&offset=${page.offset}&limit=${page.limit}` : '';
  const r = await request<Omit<ResultsResponse, 'result'> & { result: ResultColumns | ResultsResponse['result'] }>(`/campaigns/${enc(id)}/results?shape=columns${period ? `&period=${enc(period)}` : ''}${paging}`);
  const result = r.result;
  // a result stored before columns comes in rows
  if (result === null || Array.isArray((result as { units: unknown }).units)) return r as ResultsResponse;
  return { ...r, result: resultRows(result as ResultColumns) as unknown as ResultsResponse['result'] };
};
/** One unit's result of a period with every explanation (the engine, when asked; a reporter: their own unit). */
export const getUnitExplanation = (id: string, period: string, unitId: string) =>
  request<UnitExplanation>(`/campaigns/${enc(id)}/results/explain?period=${enc(period)}&unit=${enc(unitId)}`);
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

// The overview of an organization's campaigns at every level (总览)
export const getOverview = (organization?: number) => request<Overview>(`/overview${organization ? `?organization=${organization}` : ''}`);

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
/** beside each figure in the verification queue: the figure of the period before, a jump against it, behind schedule */
export interface ReviewFacts { previous: string | null; jump: boolean; behind: boolean }
export const getVerification = (id: string, period: string, status?: FigureStatus) =>
  request<{ figures: (Figure & { review?: ReviewFacts })[] }>(`${c(id)}/verification${qs({ period, status })}`);
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
/** `explanations`: typed in the preview, one per figure that needs (or was given) one */
export const confirmUpload = (uploadId: string, explanations: { unit: string; indicator: string; period: string; explanation: string }[] = []) =>
  request<{ saved: number; unchanged: number }>(`/uploads/${enc(uploadId)}/confirm`, { method: 'POST', body: { explanations } });

// Bulletins (通报): drafts, publication, exports (organizer; readers may list and read)
export const listBulletins = (id: string, period?: string) =>
  request<{ bulletins: BulletinSummary[] }>(`${c(id)}/bulletins${qs({ period })}`);
export const createBulletin = (id: string, body: BulletinDraftInput & { period: string }) =>
  request<{ bulletin: Bulletin }>(`${c(id)}/bulletins`, { method: 'POST', body });
export const getBulletin = (bulletinId: number) => request<{ bulletin: Bulletin }>(`/bulletins/${bulletinId}`);
export const updateBulletin = (bulletinId: number, body: BulletinDraftInput & { regenerate?: true }) =>
  request<{ bulletin: Bulletin }>(`/bulletins/${bulletinId}`, { method: 'PATCH', body });
export const deleteBulletin = (bulletinId: number) => request<void>(`/bulletins/${bulletinId}`, { method: 'DELETE' });
export const publishBulletin = (bulletinId: number) =>
  request<{ bulletin: Bulletin }>(`/bulletins/${bulletinId}/publish`, { method: 'POST' });
/** plain links: the browser downloads with the session cookie */
export const bulletinFileUrl = (bulletinId: number, kind: 'docx' | 'xlsx') => `${API_BASE}/bulletins/${bulletinId}/bulletin.${kind}`;

// Lobby big screen tokens (organizer)
export const listKioskTokens = (id: string) => request<{ tokens: KioskToken[] }>(`${c(id)}/kiosk-tokens`);
export const createKioskToken = (id: string, label: string) =>
  request<{ token: KioskToken; secret: string }>(`${c(id)}/kiosk-tokens`, { method: 'POST', body: { label } });
export const revokeKioskToken = (tokenId: number) => request<{ token: KioskToken }>(`/kiosk-tokens/${tokenId}/revoke`, { method: 'POST' });

// Public pages and the big screen (no sign-in): published bulletins only
export const getPublicCampaign = (id: string) => request<PublicCampaign>(`/public/campaigns/${enc(id)}`);
export const getPublicUnit = (id: string, unitId: string) => request<PublicUnit>(`/public/campaigns/${enc(id)}/units/${enc(unitId)}`);
export const searchPublicUnits = (id: string, q: string) =>
  request<{ units: { id: string; name: string; groupName: string }[] }>(`/public/campaigns/${enc(id)}/search${qs({ q })}`);
export const getPublicBulletin = (bulletinId: number) => request<{ bulletin: Bulletin }>(`/public/bulletins/${bulletinId}`);
export const publicQrUrl = (id: string, unitId?: string) => `${API_BASE}/public/campaigns/${enc(id)}/qr.svg${qs({ unit: unitId })}`;
export const publicStreamUrl = (id: string) => `${API_BASE}/public/campaigns/${enc(id)}/stream`;
export const getKiosk = (secret: string) => request<KioskView>(`/kiosk/${enc(secret)}`);
export const kioskStreamUrl = (secret: string) => `${API_BASE}/kiosk/${enc(secret)}/stream`;

// The campaign designer: a sheet read into rows (nothing stored), the version history
export const readSheet = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ rows: { row: number; cells: string[] }[] }>('/designer/sheet', { method: 'POST', form });
};
export interface SpecVersion { version: number; createdAt: string; createdBy: string | null; createdByName: string | null }
export const getVersions = (id: string) => request<{ versions: SpecVersion[] }>(`${c(id)}/versions`);
export const getVersion = (id: string, version: number) =>
  request<{ version: SpecVersion & { specText: string } }>(`${c(id)}/versions/${version}`);

// Roll-up links [上下联动]: which lower campaign feeds which cell of this one, and what each carried
export const listRollups = (id: string) => request<{ rollups: RollupLink[] }>(`/campaigns/${enc(id)}/rollups`);
export const createRollup = (id: string, body: NewRollup) =>
  request<{ rollup: RollupLink }>(`/campaigns/${enc(id)}/rollups`, { method: 'POST', body });
export const deleteRollup = (id: string, linkId: number) => request<void>(`/campaigns/${enc(id)}/rollups/${linkId}`, { method: 'DELETE' });
