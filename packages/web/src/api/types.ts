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
  /** the spec's decimals of every score: print scores with exactly that many (92.4 → 92.40) */
  precision: number;
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
  /** the reporter's note (behind schedule, a jump against the last period) */
  explanation?: string | null;
  evidence?: Evidence[];
}

/** An evidence file (佐证材料) attached to a figure; downloaded from /evidence/:id. */
export interface Evidence {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}
export interface FigureEvidence extends Evidence { unit: string; indicator: string; period: string }

export type ExplanationNeed = 'behind_schedule' | 'jump';

/** One indicator of the reporter's form preview: the engine's result plus what the form needs. */
export interface PreviewIndicator {
  value?: number | null;
  ytd?: number | null;
  target?: number;
  expected?: number;
  ratio?: number;
  ahead?: boolean;
  events?: number;
  score: number;
  missing?: boolean;
  rank?: { all: number; group: number };
  explain?: { code: string; formula?: string; zh: string; en: string };
  previous: string | null;
  needsExplanation: ExplanationNeed | null;
  jump: { current: string; previous: string; percent: number; increase: boolean } | null;
}

export interface FigurePreview {
  unit: string;
  period: string;
  previousPeriod: string | null;
  total: number;
  vetoed: boolean;
  rank: { all: number; group: number; pairs: Record<string, number> };
  /** the caller must give the explanations asked for (a unit's reporter); organizers may */
  explanationRequired: boolean;
  indicators: Record<string, PreviewIndicator>;
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
  /** per unit: figures stored for the period and those the result counts (0 counted: 未报 / 待审核) */
  counts?: Record<string, { reported: number; counted: number }>;
  /** per unit: movement of the overall and of the group rank against the stored period before */
  movement?: Record<string, { all: number | null; group: number | null }>;
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
  /** the period's state: before `closed` the point is provisional */
  state?: PeriodState;
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

// Bulletins (通报), the public pages and the lobby big screen (docs/api-plan.md, issue 5). The content mirrors the
// server's schemas/bulletin-content.ts: everything a published bulletin shows, frozen, names included.
export interface BulletinRankRow {
  unit: string;
  name: string;
  group: string;
  groupName: string;
  total: number;
  /** among all units (overall tables) or in the group (group tables) */
  rank: number;
  /** movement of the rank this row lists since the period before (positive = up; null in the first period):
   *  overall rows the overall rank, group rows the group rank (the engine's `delta`) */
  delta: number | null;
  vetoed: boolean;
  /** names of the flags held after this period */
  flags: string[];
  grade: string | null;
}
export interface BulletinUnitRef { unit: string; name: string }
export interface BulletinPair {
  id: string;
  units: { unit: string; name: string; total: number; rank: number }[];
  winner: string | null;
  margin: number | null;
}
export interface BulletinFlag {
  flag: string;
  name: string;
  color: string | null;
  award: 'top' | 'bottom';
  scope: string;
  scopeName: string;
  indicator: string | null;
  holders: BulletinUnitRef[];
  kept: BulletinUnitRef[];
  lost: BulletinUnitRef[];
  won: BulletinUnitRef[];
}
export interface BulletinItemRow { unit: string; name: string; score: number; value: number | null; rank: number }
export interface BulletinCategory {
  category: string;
  indicators: { id: string; name: string; measure: string | null; leaders: BulletinItemRow[]; laggards: BulletinItemRow[] }[];
}
export interface BulletinScheduleRow { unit: string; name: string; indicators: string[] }
export interface BulletinAction { rule: string; ruleName: string; action: string; unit: string; name: string; reason: string }
export interface BulletinContent {
  format: 1;
  /** precision: the spec's decimals of every score (print scores with exactly that many) */
  campaign: { id: string; name: string; year: number; organizer: string | null; precision?: number };
  period: string;
  periodLabel: { zh: string; en: string };
  /** the period's state when the content was generated (refreshed at publication): not closed = provisional (初步结果) */
  periodState: PeriodState;
  specVersion: number;
  computedAt: string;
  intro: string[];
  closing: string[];
  overall: BulletinRankRow[];
  groups: { id: string; name: string; rows: BulletinRankRow[] }[];
  pairs: BulletinPair[];
  flags: BulletinFlag[];
  categories: BulletinCategory[];
  schedule: { ahead: BulletinScheduleRow[]; behind: BulletinScheduleRow[] };
  actions: BulletinAction[];
  commendations: { unit: string; name: string; flags: string[] }[];
}
export type BulletinStatus = 'draft' | 'published';
export interface BulletinSummary {
  id: number;
  campaign: string;
  period: string;
  version: number;
  status: BulletinStatus;
  number: string;
  title: string;
  changeNote: string | null;
  contentHash: string | null;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** the highest published version of its period */
  current: boolean;
}
export interface Bulletin extends BulletinSummary { content: BulletinContent }
export interface BulletinDraftInput {
  number?: string;
  title?: string;
  intro?: string[];
  closing?: string[];
  changeNote?: string;
}
export interface KioskToken { id: number; label: string; createdAt: string; createdBy: string | null; revokedAt: string | null }

export interface PublicPeriod { period: string; label: string; bulletinId: number; version: number; publishedAt: string }
export interface PublicCampaign {
  campaign: { id: string; name: string; year: number; organizer: string | null };
  periods: PublicPeriod[];
  latest: Bulletin | null;
}
export interface PublicUnitHistory {
  period: string;
  label: string;
  total: number;
  rank: number;
  groupRank: number;
  delta: number | null;
  vetoed: boolean;
  flags: string[];
  grade: string | null;
}
export interface PublicUnit {
  unit: { id: string; name: string; group: string; groupName: string };
  history: PublicUnitHistory[];
  /** flag name → times won */
  flags: Record<string, number>;
}
export interface KioskTrendPeriod { period: string; label: string; overall: { unit: string; name: string; total: number; rank: number }[] }
export interface KioskView {
  campaign: { id: string; name: string; year: number; organizer: string | null };
  latest: Bulletin | null;
  periods: KioskTrendPeriod[];
}
/** `event: publication` on the public and kiosk streams */
export interface PublicationEvent { campaign: string; period: string; bulletin: number; version: number }
