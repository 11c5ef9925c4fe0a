// Supervision records [督查记录] (issue 15 item 3).
import { API_BASE, request } from './client.ts';
import type { Schemas } from './types.ts';

export type SupervisionRecord = Schemas['SupervisionRecord'];
export type SupervisionKind = SupervisionRecord['kind'];

const enc = encodeURIComponent;
const c = (id: string) => `/campaigns/${enc(id)}`;
const r = (id: string, recordId: number) => `${c(id)}/supervision/${recordId}`;

export const getRecords = (id: string, unit?: string) => request<{ records: SupervisionRecord[] }>(`${c(id)}/supervision${unit ? `?unit=${enc(unit)}` : ''}`);
export const createRecord = (id: string, body: { kind: SupervisionKind; unit: string; checkedOn: string; findings: string; checkers: string[] }) =>
  request<{ record: SupervisionRecord }>(`${c(id)}/supervision`, { method: 'POST', body });
export const uploadRecordFile = (id: string, recordId: number, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ file: SupervisionRecord['files'][number] }>(`${r(id, recordId)}/files`, { method: 'POST', form });
};
export const recordFileUrl = (id: string, recordId: number, fileId: string) => `${API_BASE}${r(id, recordId)}/files/${enc(fileId)}`;
export const proposeEvent = (id: string, recordId: number, body: { indicator: string; period: string; count: number }) =>
  request<{ unit: string; indicator: string; period: string; value: string }>(`${r(id, recordId)}/event`, { method: 'POST', body });
export const caseFromRecord = (id: string, recordId: number, body: { kind: string; reason?: string; requirement?: string; due?: string; period?: string }) =>
  request<{ case: { id: number; number: string } }>(`${r(id, recordId)}/case`, { method: 'POST', body });
