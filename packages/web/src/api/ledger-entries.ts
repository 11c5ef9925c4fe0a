// A person campaign's performance ledger [实绩台账] kept by reporters, with evidence files, verified
// by the section responsible for the key work (issue 17 items 1–2): typed calls of its endpoints.
import { API_BASE, request } from './client.ts';
import type { BodyOf, Schemas } from './types.ts';

export type LedgerEntry = Schemas['LedgerEntry'];
export type LedgerEntryState = LedgerEntry['state'];
export type LedgerEntryInput = BodyOf<'/api/v1/campaigns/{id}/ledger-entries', 'post'>;
export type LedgerEntryUpdate = BodyOf<'/api/v1/campaigns/{id}/ledger-entries/{entryId}', 'put'>;

const enc = encodeURIComponent;
const base = (id: string) => `/campaigns/${enc(id)}/ledger-entries`;
type Env = { entry: LedgerEntry };

export const listLedgerEntries = (id: string, q: { unit?: string; state?: LedgerEntryState } = {}) => {
  const qs = new URLSearchParams(Object.entries(q).filter((kv): kv is [string, string] => kv[1] !== undefined)).toString();
  return request<{ entries: LedgerEntry[] }>(`${base(id)}${qs ? `?${qs}` : ''}`);
};
export const createLedgerEntry = (id: string, body: LedgerEntryInput) => request<Env>(base(id), { method: 'POST', body });
export const updateLedgerEntry = (id: string, entryId: number, body: LedgerEntryUpdate) => request<Env>(`${base(id)}/${entryId}`, { method: 'PUT', body });
export const verifyLedgerEntry = (id: string, entryId: number, body: { decision: 'approve' | 'return'; reason?: string }) =>
  request<Env>(`${base(id)}/${entryId}/verify`, { method: 'POST', body });
export const uploadLedgerEntryFile = (id: string, entryId: number, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ file: LedgerEntry['files'][number] }>(`${base(id)}/${entryId}/files`, { method: 'POST', form });
};
export const removeLedgerEntryFile = (id: string, entryId: number, fileId: string) =>
  request<void>(`${base(id)}/${entryId}/files/${enc(fileId)}`, { method: 'DELETE' });
export const ledgerEntryFileUrl = (id: string, entryId: number, fileId: string) => `${API_BASE}${base(id)}/${entryId}/files/${enc(fileId)}`;
