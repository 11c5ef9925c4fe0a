// Accountability cases [问责事项] (issue 15): the board, proposals, one case and its steps.
import { API_BASE, request } from './client.ts';
import type { Schemas } from './types.ts';

export type Case = Schemas['Case'];
export type CaseDetail = Schemas['CaseDetail'];
export type CaseProposal = Schemas['CaseProposal'];
export type CaseCount = Schemas['CaseCount'];
export type CaseSettings = Schemas['CaseSettings'];
export type CaseFile = Schemas['CaseFile'];
export interface CaseBoard {
  cases: Case[];
  counts: CaseCount[];
  year: number;
  kinds: { id: string; name: string }[];
}
export interface CaseFilter {
  period?: string;
  kind?: string;
  state?: string;
  unit?: string;
  overdue?: 'true';
}

const enc = encodeURIComponent;
const c = (id: string) => `/campaigns/${enc(id)}`;
const qs = (params: object) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
type Detail = { case: CaseDetail };

export const getCases = (id: string, f: CaseFilter = {}) => request<CaseBoard>(`${c(id)}/cases${qs(f)}`);
export const getCase = (id: string, caseId: number) => request<Detail>(`${c(id)}/cases/${caseId}`);
export const getProposals = (id: string, status?: string) => request<{ proposals: CaseProposal[] }>(`${c(id)}/case-proposals${qs({ status })}`);
export const generateProposals = (id: string, period: string) => request<{ created: number }>(`${c(id)}/case-proposals`, { method: 'POST', body: { period } });
export const decideProposal = (id: string, proposalId: number, body: { decision: 'issue' | 'merge' | 'dismiss'; caseId?: number; reason?: string; due?: string; requirement?: string; kind?: string }) =>
  request<{ proposal: CaseProposal; caseId: number | null }>(`${c(id)}/case-proposals/${proposalId}/decision`, { method: 'POST', body });
export const openCase = (id: string, body: { unit: string; kind: string; reason: string; requirement?: string; due?: string; period?: string; persons?: string[] }) =>
  request<Detail>(`${c(id)}/cases`, { method: 'POST', body });
export const getCaseSettings = (id: string) => request<{ settings: CaseSettings }>(`${c(id)}/case-settings`);
export const putCaseSettings = (id: string, body: Partial<CaseSettings>) => request<{ settings: CaseSettings }>(`${c(id)}/case-settings`, { method: 'PUT', body });

const step = (id: string, caseId: number, path: string, body: object) => request<Detail>(`${c(id)}/cases/${caseId}/${path}`, { method: 'POST', body });
export const signCase = (id: string, caseId: number) => step(id, caseId, 'sign', {});
export const reportCase = (id: string, caseId: number, body: { text: string; measures: string; files: string[] }) => step(id, caseId, 'report', body);
export const reviewCase = (id: string, caseId: number, body: { decision: 'accept' | 'return'; reason?: string }) => step(id, caseId, 'review', body);
export const askExtension = (id: string, caseId: number, body: { reason: string; progress: string; proposedDue: string }) => step(id, caseId, 'extensions', body);
export const decideExtension = (id: string, caseId: number, extensionId: number, body: { decision: 'grant' | 'refuse'; reply?: string }) =>
  step(id, caseId, `extensions/${extensionId}/decision`, body);
export const escalateCase = (id: string, caseId: number, body: { reason: string }) => step(id, caseId, 'escalate', body);
export const uploadCaseFile = (id: string, caseId: number, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ file: CaseFile }>(`${c(id)}/cases/${caseId}/files`, { method: 'POST', form });
};
export const removeCaseFile = (id: string, caseId: number, fileId: string) => request<void>(`${c(id)}/cases/${caseId}/files/${enc(fileId)}`, { method: 'DELETE' });
export const caseFileUrl = (id: string, caseId: number, fileId: string) => `${API_BASE}${c(id)}/cases/${caseId}/files/${enc(fileId)}`;
export const caseDocxUrl = (id: string, caseId: number) => `${API_BASE}${c(id)}/cases/${caseId}/case.docx`;
export type InterviewRecord = Schemas['InterviewRecord'];
export const recordInterview = (id: string, caseId: number, body: InterviewRecord) => request<Detail>(`${c(id)}/cases/${caseId}/interview`, { method: 'PUT', body });
