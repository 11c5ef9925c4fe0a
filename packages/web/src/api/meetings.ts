// Review meetings [双月表态会 / 季度过堂会 / 述职会] (issue 15 item 4).
import { API_BASE, request } from './client.ts';
import type { Schemas } from './types.ts';

export type Meeting = Schemas['Meeting'];
export type MeetingLaggard = Schemas['MeetingLaggard'];
export type MeetingFollowUp = Schemas['MeetingFollowUp'];
export type MeetingKind = Meeting['kind'];

const enc = encodeURIComponent;
const c = (id: string) => `/campaigns/${enc(id)}`;
const m = (id: string, meetingId: number) => `${c(id)}/meetings/${meetingId}`;
type One = { meeting: Meeting };

export const getMeetings = (id: string) => request<{ meetings: Meeting[] }>(`${c(id)}/meetings`);
export const getMeeting = (id: string, meetingId: number) => request<One>(m(id, meetingId));
export const getLaggards = (id: string, period: string) => request<{ laggards: MeetingLaggard[]; hasResult: boolean }>(`${c(id)}/meeting-laggards?period=${enc(period)}`);
export const createMeeting = (id: string, body: { kind: MeetingKind; period: string; title?: string; heldOn: string; place: string; agenda: string[]; units: string[] }) =>
  request<One>(`${c(id)}/meetings`, { method: 'POST', body });
export const setMeetingUnits = (id: string, meetingId: number, units: string[]) => request<One>(`${m(id, meetingId)}/units`, { method: 'PUT', body: { units } });
export const recordStatement = (id: string, meetingId: number, unit: string, body: { statement: string; commitments: string[] }) =>
  request<One>(`${m(id, meetingId)}/units/${enc(unit)}/statement`, { method: 'PUT', body });
export const moveMeeting = (id: string, meetingId: number, state: Meeting['state']) => request<One>(`${m(id, meetingId)}/state`, { method: 'POST', body: { state } });
export const addFollowUp = (id: string, meetingId: number, body: { unit: string; text: string; due: string; caseKind?: string }) =>
  request<One>(`${m(id, meetingId)}/follow-ups`, { method: 'POST', body });
export const followUpCase = (id: string, meetingId: number, followUpId: number, kind: string) => request<One>(`${m(id, meetingId)}/follow-ups/${followUpId}/case`, { method: 'POST', body: { kind } });
export const markFollowUp = (id: string, meetingId: number, followUpId: number, done: boolean) => request<One>(`${m(id, meetingId)}/follow-ups/${followUpId}/done`, { method: 'POST', body: { done } });
export const minutesUrl = (id: string, meetingId: number) => `${API_BASE}${m(id, meetingId)}/minutes.docx`;
/** A called unit's 表态 as a draft public commitment of the unit (once: asked again, the same one). */
export const commitmentFromStatement = (id: string, meetingId: number, unit: string) =>
  request<{ commitment: { id: number }; created: boolean }>(`${m(id, meetingId)}/units/${enc(unit)}/commitment`, { method: 'POST' });
