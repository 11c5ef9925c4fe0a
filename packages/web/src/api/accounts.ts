// Accounts (issue 18 item 2): the users an organizer manages, creating, changing, disabling and
// resetting them, and creating many at once from Excel. Passwords come back once, in the answer
// that made them (IssuedAccount), and are never fetched again.
import { API_BASE, ApiError, request } from './client.ts';
import type { BodyOf, Grant, Organization, ResponseOf, Schemas } from './types.ts';

export type AccountListItem = Schemas['AccountListItem'];
export type IssuedAccount = Schemas['IssuedAccount'];
export type BulkPreview = ResponseOf<'/api/v1/campaigns/{id}/accounts/preview', 'post'>;
export type RowError = BulkPreview['errors'][number];
export type BulkPreviewRow = BulkPreview['rows'][number];
export type NewUserInput = BodyOf<'/api/v1/users', 'post'>;
export type UserPatch = BodyOf<'/api/v1/users/{userId}', 'patch'>;

const enc = encodeURIComponent;

export const listAccounts = () => request<{ users: AccountListItem[] }>('/users');
export const listOrganizations = () => request<{ organizations: Organization[] }>('/organizations');
export const createAccount = (body: NewUserInput) =>
  request<{ user: AccountListItem; account: IssuedAccount | null }>('/users', { method: 'POST', body });
export const updateAccount = (userId: number, body: UserPatch) =>
  request<{ user: AccountListItem }>(`/users/${userId}`, { method: 'PATCH', body });
export const resetAccountPassword = (userId: number) =>
  request<{ account: IssuedAccount }>(`/users/${userId}/password`, { method: 'POST' });

/** a plain link: the browser downloads the template with the session cookie */
export const accountTemplateUrl = (campaignId: string) => `${API_BASE}/campaigns/${enc(campaignId)}/accounts/template.xlsx`;
export const previewAccounts = (campaignId: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<BulkPreview>(`/campaigns/${enc(campaignId)}/accounts/preview`, { method: 'POST', form });
};
export const createAccounts = (campaignId: string, rows: BulkPreviewRow[]) =>
  request<{ accounts: IssuedAccount[] }>(`/campaigns/${enc(campaignId)}/accounts`, {
    method: 'POST',
    body: { rows: rows.map(({ row, displayName, username, phone, role, unitIds, indicatorIds }) => ({ row, displayName, username, phone, role, unitIds, indicatorIds })) },
  });
/** The row errors of a refused bulk creation (422). */
export const rowErrorsOf = (e: unknown): RowError[] => (e instanceof ApiError && Array.isArray(e.details.errors) ? (e.details.errors as RowError[]) : []);

/** The account sheet as .xlsx, rendered by the server from the accounts just shown (nothing is stored). */
export async function downloadAccountSheet(accounts: IssuedAccount[]): Promise<Blob> {
  const res = await fetch(`${API_BASE}/users/account-sheet`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accounts: accounts.map(({ qrSvg: _q, ...a }) => a) }),
  });
  if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
  return res.blob();
}

export type { Grant };
