// Typed functions, one per endpoint of docs/api-plan.md. Pages call these, never fetch directly.
import { request } from './client.ts';
import type {
  ActionResult, CampaignDetail, CampaignSummary, Figure, HistoryResponse, ResultsResponse, User,
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

export const streamUrl = (id: string) => `/api/v1/campaigns/${enc(id)}/stream`;
