// Commitments [公开承诺], leaders in charge and key-project ledgers (issue 16): typed calls of their endpoints.
import { API_BASE, request } from './client.ts';
import type { RaterLink } from './people.ts';
import type { BodyOf, ResponseOf, Schemas } from './types.ts';

export type Commitment = Schemas['Commitment'];
export type CommitmentItem = Schemas['CommitmentItem'];
export type PublicCommitment = Schemas['PublicCommitment'];
export type Remark = Schemas['CommitmentRemark'];
export type Leadership = Schemas['Leadership'];
export type Project = Schemas['Project'];
export type Visit = Schemas['LeaderVisit'];
export type CommitmentInput = BodyOf<'/api/v1/campaigns/{id}/commitments', 'post'>;
export type ItemInput = CommitmentInput['items'][number];
export type Evaluation = BodyOf<'/api/v1/campaigns/{id}/commitments/{commitmentId}/evaluation', 'post'>;
export type VisitInput = BodyOf<'/api/v1/campaigns/{id}/visits', 'post'>;
export type PublicCommitments = ResponseOf<'/api/v1/public/campaigns/{id}/commitments', 'get'>;

const enc = encodeURIComponent;
const c = (id: string) => `/campaigns/${enc(id)}`;
const one = (id: string, cid: number) => `${c(id)}/commitments/${cid}`;
type Env = { commitment: Commitment };

export const listCommitments = (id: string, unit?: string) => request<{ commitments: Commitment[] }>(`${c(id)}/commitments${unit ? `?unit=${enc(unit)}` : ''}`);
export const getCommitment = (id: string, cid: number) => request<Env>(one(id, cid));
export const createCommitment = (id: string, body: CommitmentInput) => request<Env>(`${c(id)}/commitments`, { method: 'POST', body });
export const submitCommitment = (id: string, cid: number) => request<Env>(`${one(id, cid)}/submit`, { method: 'POST' });
export const decideCommitment = (id: string, cid: number, body: { decision: 'approve' | 'return'; reason?: string }) =>
  request<Env>(`${one(id, cid)}/decision`, { method: 'POST', body });
export const addCommitmentUpdate = (id: string, cid: number, body: { quarter: string; text: string }) => request<Env>(`${one(id, cid)}/updates`, { method: 'POST', body });
export const reportCommitment = (id: string, cid: number, report: string) => request<Env>(`${one(id, cid)}/report`, { method: 'POST', body: { report } });
export const evaluateCommitment = (id: string, cid: number, body: Evaluation) => request<Env>(`${one(id, cid)}/evaluation`, { method: 'POST', body });
export const uploadCommitmentFile = (id: string, cid: number, kind: 'scan' | 'report', file: File) => {
  const form = new FormData();
  form.append('file', file);
  return request<{ file: Schemas['LedgerFile'] }>(`${one(id, cid)}/files?kind=${kind}`, { method: 'POST', form });
};
export const commitmentFileUrl = (id: string, cid: number, fileId: string) => `${API_BASE}${one(id, cid)}/files/${enc(fileId)}`;
export const commitmentDocxUrl = (id: string, cid: number) => `${API_BASE}${one(id, cid)}/commitment.docx`;
export const listRemarks = (id: string, cid: number) => request<{ remarks: Remark[] }>(`${one(id, cid)}/remarks`);
export const moderateRemark = (id: string, cid: number, remarkId: number, body: { decision: 'publish' | 'hide'; answer?: string }) =>
  request<{ remark: Remark }>(`${one(id, cid)}/remarks/${remarkId}/moderation`, { method: 'POST', body });

export const getPublicCommitments = (id: string, unit?: string) => request<PublicCommitments>(`/public/campaigns/${enc(id)}/commitments${unit ? `?unit=${enc(unit)}` : ''}`);
export const getPublicCommitment = (cid: number) => request<{ commitment: PublicCommitment }>(`/public/commitments/${cid}`);
export const publicCommitmentQrUrl = (cid: number) => `${API_BASE}/public/commitments/${cid}/qr.svg`;
export const sendRemark = (cid: number, text: string) => request<{ received: true }>(`/public/commitments/${cid}/remarks`, { method: 'POST', body: { text } });

export const getLeadership = (id: string, leader?: number) => request<Leadership>(`${c(id)}/leadership${leader ? `?leader=${leader}` : ''}`);
export const addVisit = (id: string, body: VisitInput) => request<{ visit: Visit }>(`${c(id)}/visits`, { method: 'POST', body });
export const leaderSummaryUrl = (id: string) => `${API_BASE}${c(id)}/leaders/summary.xlsx`;
export const listProjects = (id: string) => request<{ projects: Project[] }>(`${c(id)}/projects`);

// ——— drafts edited; accountability (a case for a commitment not kept, an overdue milestone, the year-end accounting); ratings ———
export type CaseOptions = BodyOf<'/api/v1/campaigns/{id}/commitments/{commitmentId}/case', 'post'>;
export type RatingInput = BodyOf<'/api/v1/campaigns/{id}/commitment-ratings', 'post'>;
export type RatingOpened = { ballot: number; links: RaterLink[] };
export type Accounting = ResponseOf<'/api/v1/campaigns/{id}/ledger-accounting', 'post'>;
export type ProjectInput = BodyOf<'/api/v1/campaigns/{id}/projects', 'post'>;
export type ProgressInput = BodyOf<'/api/v1/campaigns/{id}/projects/{projectId}/progress', 'post'>;
type ProjectEnv = { project: Project };
const proj = (id: string, pid: number) => `${c(id)}/projects/${pid}`;

export const editCommitment = (id: string, cid: number, body: Omit<CommitmentInput, 'unit' | 'leader'>) => request<Env>(one(id, cid), { method: 'PUT', body });
export const caseForCommitment = (id: string, cid: number, body: CaseOptions) =>
  request<Env & { caseId: number; opened: boolean }>(`${one(id, cid)}/case`, { method: 'POST', body });
export const openRating = (id: string, body: RatingInput) => request<RatingOpened>(`${c(id)}/commitment-ratings`, { method: 'POST', body });
export const ledgerAccounting = (id: string, body: CaseOptions) => request<Accounting>(`${c(id)}/ledger-accounting`, { method: 'POST', body });
export const createProject = (id: string, body: ProjectInput) => request<ProjectEnv>(`${c(id)}/projects`, { method: 'POST', body });
export const addProjectProgress = (id: string, pid: number, body: ProgressInput) => request<ProjectEnv>(`${proj(id, pid)}/progress`, { method: 'POST', body });
export const uploadProgressFile = (id: string, pid: number, progressId: number, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ProjectEnv>(`${proj(id, pid)}/progress/${progressId}/files`, { method: 'POST', form });
};
export const projectFileUrl = (id: string, pid: number, fileId: string) => `${API_BASE}${proj(id, pid)}/files/${enc(fileId)}`;
export const markMilestoneDone = (id: string, pid: number, mid: number, doneOn: string) => request<ProjectEnv>(`${proj(id, pid)}/milestones/${mid}/done`, { method: 'POST', body: { doneOn } });
export const caseForMilestone = (id: string, pid: number, mid: number, body: CaseOptions) =>
  request<ProjectEnv & { caseId: number; opened: boolean }>(`${proj(id, pid)}/milestones/${mid}/case`, { method: 'POST', body });
