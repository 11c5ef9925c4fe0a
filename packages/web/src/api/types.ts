// Shapes the API sends and accepts (docs/api-plan.md). Results and issues are the engine's own
// types: the web shows what the engine computed and never computes a score itself.
import type { Issue, PeriodResult, ActionResult, Cadence, UnitResult } from '@leitai/engine';

export type { Issue, PeriodResult, ActionResult };
export type {
  UnitResult, PairResult, FlagResult, Explanation, IndicatorResult, ValueIndicatorResult, EventIndicatorResult,
} from '@leitai/engine';

export type Role = 'admin' | 'organizer' | 'scorer' | 'reporter' | 'leader';

export interface Assignment {
  campaignId: string;
  unitId?: string | null;
  indicatorId?: string | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  assignments: Assignment[];
}

export interface CampaignSummary {
  id: string;
  name: string;
  year: number;
  cadence: Cadence;
  organizer?: string | null;
  status: 'active' | 'archived';
  version: number;
  updatedAt: string;
}

export interface ModelGroup { id: string; name: string }
export interface ModelUnit { id: string; name: string; group: string }
export interface ModelPair { id: string; units: string[] }

export type InputKind = 'value' | 'score' | 'event';

export interface ModelIndicator {
  id: string;
  name: string;
  input: InputKind;
  method?: string | null;
  weight?: number | string | null;
  category?: string | null;
  measure?: string | null;
  effect?: 'bonus' | 'penalty' | 'veto' | null;
  direction?: 'higher' | 'lower' | null;
  cumulative?: boolean | null;
  targets?: Record<string, number | string> | null;
}

export interface ModelFlag {
  id: string;
  name: string;
  color?: string | null;
  award: 'top' | 'bottom';
  scope: 'group' | 'pair' | 'all';
  indicator?: string | null;
  mobile: boolean;
}

export interface ModelRule { id: string; name: string; action: string }

export interface CampaignModel {
  groups: ModelGroup[];
  units: ModelUnit[];
  pairs: ModelPair[];
  indicators: ModelIndicator[];
  flags: ModelFlag[];
  rules: ModelRule[];
  grades?: { id: string; name: string }[];
  periods: string[];
  reportedPeriods: string[];
  latestPeriod: string | null;
}

export interface CampaignDetail {
  campaign: CampaignSummary;
  specText: string;
  model: CampaignModel;
}

export interface Figure {
  unit: string;
  indicator: string;
  period: string;
  value: string;
  /** username of whoever saved it */
  enteredBy?: string | null;
  enteredAt?: string | null;
  /** bumped by every change; a save names the version it edited, so that a concurrent change is
   *  answered with a conflict instead of being overwritten */
  version?: number;
  late?: boolean;
  status?: FigureStatus;
  reviewReason?: string | null;
}

export type FigureStatus = 'pending' | 'approved' | 'returned';
export type PeriodState = 'open' | 'verification' | 'closed';

export interface Unverified {
  unit: string;
  indicator: string;
  status: 'pending' | 'returned';
  /** false once the period is in verification: the result leaves the figure out */
  counted: boolean;
}

export interface ResultsResponse {
  period: string | null;
  periods: string[];
  result: PeriodResult | null;
  state?: PeriodState | null;
  unverified?: Unverified[];
}

export interface Period {
  period: string;
  state: PeriodState;
  deadline: string | null;
  pastDeadline: boolean;
  expected: number;
  reported: number;
  late: number;
  pending: number;
  returned: number;
}

export interface MissingReport {
  unit: string;
  name: string;
  indicators: string[];
  reminded: number;
}

export interface Reminder {
  id: number;
  /** reminder: 催报 sent by an organizer; returned: a figure returned by verification */
  kind: 'reminder' | 'returned';
  period: string;
  unit: string;
  message: string;
  sentBy: string | null;
  sentAt: string;
  readAt: string | null;
}

export type RequestKind = 'correction' | 'appeal';
export type RequestStatus = 'pending' | 'accepted' | 'rejected';

export interface ChangeRequest {
  id: number;
  kind: RequestKind;
  unit: string;
  period: string;
  indicator: string | null;
  value: string | null;
  previousValue: string | null;
  reason: string;
  status: RequestStatus;
  reply: string | null;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: number | null;
  actor: string | null;
  action: string;
  campaignId: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  campaign?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface HistoryPoint {
  period: string;
  total: number;
  rank: UnitResult['rank'];
  delta: number | null;
  flags: string[];
  vetoed: boolean;
}

export interface HistoryResponse {
  unit: string;
  history: HistoryPoint[];
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

// Excel round trip (docs/api-plan.md, "Excel round trip")
export type UploadRowStatus = 'new' | 'changed' | 'same';
export interface UploadRow {
  row: number;
  column?: string;
  unit: string;
  indicator: string;
  period: string;
  value: string;
  status: UploadRowStatus;
  issue?: string;
}
export type UploadIssue = Issue & { column?: string };
export interface UploadPreview {
  uploadId: string;
  format: 'grid' | 'long';
  period: string;
  filename: string;
  rows: UploadRow[];
  issues: UploadIssue[];
  counts: { new: number; changed: number; same: number; invalid: number };
}
