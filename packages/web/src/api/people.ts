// Ballots, people, selections under a quota and the honours register (issue 17): the calls and the
// shapes, from the generated OpenAPI types.
import { request } from './client.ts';
import type { BodyOf, ResponseOf, Schemas } from './types.ts';

const enc = encodeURIComponent;
const c = (id: string) => `/campaigns/${enc(id)}`;

export type Ballot = Schemas['Ballot'];
export type Selection = Schemas['Selection'];
export type Person = Schemas['Person'];
export type Honour = Schemas['Honour'];
export interface RaterLink { group: string; groupName: string; token: string; path: string; url: string; qrSvg: string }
export type PersonPageData = ResponseOf<'/api/v1/persons/{personId}', 'get'>;
export type VoteForm = ResponseOf<'/api/v1/public/vote/{token}', 'get'>;
export type PublicSelection = ResponseOf<'/api/v1/public/selections/{selectionId}', 'get'>;
export type BallotCreate = BodyOf<'/api/v1/campaigns/{id}/ballots', 'post'>;
export type Post = Person['post'];

// ballots
export const listBallots = (id: string) => request<{ ballots: Ballot[] }>(`${c(id)}/ballots`);
export const createBallot = (id: string, body: BallotCreate) => request<{ ballot: Ballot; links: RaterLink[] }>(`${c(id)}/ballots`, { method: 'POST', body });
export const getBallot = (id: string, ballotId: number) => request<{ ballot: Ballot }>(`${c(id)}/ballots/${ballotId}`);
export const closeBallot = (id: string, ballotId: number) => request<{ ballot: Ballot }>(`${c(id)}/ballots/${ballotId}/close`, { method: 'POST' });

// selections
export const listSelections = (id: string) => request<{ selections: Selection[] }>(`${c(id)}/selections`);
export type SelectionCreate = BodyOf<'/api/v1/campaigns/{id}/selections', 'post'>;
export type PanelOpen = BodyOf<'/api/v1/campaigns/{id}/selections/{selectionId}/panel', 'post'>;
export const createSelection = (id: string, body: SelectionCreate) =>
  request<{ selection: Selection }>(`${c(id)}/selections`, { method: 'POST', body });
const s = (id: string, sel: number) => `${c(id)}/selections/${sel}`;
export const nominate = (id: string, sel: number, body: { personId: number; unit: string; reason: string }) =>
  request<{ selection: Selection }>(`${s(id, sel)}/nominations`, { method: 'POST', body });
export const withdrawNomination = (id: string, sel: number, nomination: number, body: { reason: string }) =>
  request<{ selection: Selection }>(`${s(id, sel)}/nominations/${nomination}/withdraw`, { method: 'POST', body });
export const nominateFromRanking = (id: string, sel: number, body: { period: string; top: number }) =>
  request<{ selection: Selection }>(`${s(id, sel)}/ranking`, { method: 'POST', body });
export const openVoting = (id: string, sel: number, body: { groups: { name: string; weight: string; raters: number }[] }) =>
  request<{ selection: Selection; links: RaterLink[] }>(`${s(id, sel)}/voting`, { method: 'POST', body });
export const openPanel = (id: string, sel: number, body: PanelOpen) =>
  request<{ selection: Selection; links: RaterLink[] }>(`${s(id, sel)}/panel`, { method: 'POST', body });
export const decideTie = (id: string, sel: number, body: { chosen: number[]; reason: string; exceed?: boolean }) =>
  request<{ selection: Selection }>(`${s(id, sel)}/tie`, { method: 'POST', body });
export const startPublicity = (id: string, sel: number, until: string) => request<{ selection: Selection }>(`${s(id, sel)}/publicity`, { method: 'POST', body: { until } });
export const decideObjection = (id: string, sel: number, objectionId: number, body: { decision: 'uphold' | 'dismiss'; reply: string }) =>
  request<{ selection: Selection }>(`${s(id, sel)}/objections/${objectionId}/decision`, { method: 'POST', body });
export const confirmSelection = (id: string, sel: number) => request<{ selection: Selection }>(`${s(id, sel)}/confirm`, { method: 'POST', body: {} });

// people and honours
export const listPersons = () => request<{ persons: Person[] }>('/persons');
export const createPerson = (body: { name: string; unit: string; post: Post }) => request<{ person: Person }>('/persons', { method: 'POST', body });
export const getPerson = (personId: number) => request<PersonPageData>(`/persons/${personId}`);
export const addLedgerEntry = (personId: number, body: { date: string; what: string; evidence?: string; keyWork?: string }) =>
  request<{ id: number }>(`/persons/${personId}/ledger`, { method: 'POST', body });
export const listHonours = (year?: number) => request<{ honours: Honour[] }>(`/honours${year ? `?year=${year}` : ''}`);
export const createHonour = (body: { honour: string; category?: string; year: number; personId?: number; unitName?: string; citation: string }) =>
  request<{ honour: Honour }>('/honours', { method: 'POST', body });

// public, no sign-in
export const getVoteForm = (token: string) => request<VoteForm>(`/public/vote/${enc(token)}`);
export const castVote = (token: string, body: { marks?: Record<string, string>; approvals?: string[]; levels?: Record<string, string> }) =>
  request<{ ok: true }>(`/public/vote/${enc(token)}`, { method: 'POST', body });
export const getPublicSelection = (sel: number) => request<PublicSelection>(`/public/selections/${sel}`);
export const fileObjection = (sel: number, body: { nomination?: number; text: string; contact: string }) =>
  request<{ ok: true }>(`/public/selections/${sel}/objections`, { method: 'POST', body });
