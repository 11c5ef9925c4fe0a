// Shapes the API sends and accepts, from ONE source: the server's OpenAPI document, generated into
// generated.ts (`npm run api:types`; a server test fails when it is stale). Results and issues are the
// engine's own types: the web shows what the engine computed and never computes a score itself.
import type { PeriodResult, ActionResult } from '@leitai/engine';
import type { components, paths } from './generated.ts';

export type { PeriodResult, ActionResult };
export type {
  UnitResult, PairResult, FlagResult, Explanation, IndicatorResult, ValueIndicatorResult, EventIndicatorResult,
} from '@leitai/engine';

/** Named schemas of the OpenAPI document. */
export type Schemas = components['schemas'];
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
/** The 200 JSON body of an endpoint, e.g. ResponseOf<'/api/v1/campaigns/{id}/results', 'get'>. */
export type ResponseOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { responses: { 200: infer R } } ? JsonOf<R> : never;
/** The JSON request body of an endpoint. */
export type BodyOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The signed-in user (GET /auth/me, sign-in): their grants, organization, roles per campaign reached and organizations organized. */
export type User = ResponseOf<'/api/v1/auth/me', 'get'>['user'];
/** A role on an organization (and, for reading, those below it) or on one campaign. */
export type Grant = Schemas['Grant'];
export type Organization = Schemas['Organization'];
export type Role = User['role'];
export type Assignment = User['assignments'][number];
export type CampaignSummary = Schemas['Campaign'];
export type CampaignModel = Schemas['CampaignModel'];
export type ModelGroup = CampaignModel['groups'][number];
export type ModelUnit = CampaignModel['units'][number];
export type ModelPair = CampaignModel['pairs'][number];
export type ModelIndicator = CampaignModel['indicators'][number];
export type InputKind = ModelIndicator['input'];
export type ModelFlag = CampaignModel['flags'][number];
export type ModelRule = CampaignModel['rules'][number];
export type CampaignDetail = ResponseOf<'/api/v1/campaigns/{id}', 'get'>;
export type Figure = Schemas['Figure'];
/** An evidence file (佐证材料) attached to a figure; downloaded from /evidence/:id. */
export type Evidence = Schemas['Evidence'];
export type FigureEvidence = Schemas['FigureEvidence'];
export type FigurePreview = Schemas['FigurePreview'];
/** One indicator of the reporter's form preview: the engine's result plus what the form needs. */
export type PreviewIndicator = FigurePreview['indicators'][string];
export type ExplanationNeed = NonNullable<PreviewIndicator['needsExplanation']>;
export type FigureStatus = Figure['status'];
export type ResultsResponse = ResponseOf<'/api/v1/campaigns/{id}/results', 'get'>;
export type PeriodState = NonNullable<ResultsResponse['state']>;
export type Unverified = ResultsResponse['unverified'][number];
/** One unit's result with every explanation, its pairs and actions (computed when asked). */
export type UnitExplanation = ResponseOf<'/api/v1/campaigns/{id}/results/explain', 'get'>;
export type HistoryResponse = ResponseOf<'/api/v1/campaigns/{id}/units/{unitId}/history', 'get'>;
export type HistoryPoint = HistoryResponse['history'][number];
export type Period = Schemas['Period'];
export type MissingReport = Schemas['MissingReport'];
export type Reminder = Schemas['Reminder'];
export type ChangeRequest = Schemas['ChangeRequest'];
export type RequestKind = ChangeRequest['kind'];
export type RequestStatus = ChangeRequest['status'];
export type AuditEntry = Schemas['AuditEntry'];
export type UploadPreview = Schemas['UploadPreview'];
export type UploadRow = Schemas['UploadRow'];
export type UploadRowStatus = UploadRow['status'];
export type UploadIssue = Schemas['UploadIssue'];
/** A problem the API names (a spec's path and line, or a figure's row, keys and message without its row) */
export type Issue = Schemas['Issue'];
export type KioskToken = Schemas['KioskToken'];


export interface AuditFilter {
  campaign?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

// Bulletins (通报), the public pages and the lobby big screen (docs/api-plan.md, issue 5). The content mirrors the
// server's schemas/bulletin-content.ts: everything a published bulletin shows, frozen, names included.
export type BulletinRankRow = BulletinContent['overall'][number];
export type BulletinUnitRef = BulletinFlag['holders'][number];
export type BulletinPair = BulletinContent['pairs'][number];
export type BulletinFlag = BulletinContent['flags'][number];
export type BulletinItemRow = BulletinCategory['indicators'][number]['leaders'][number];
export type BulletinCategory = BulletinContent['categories'][number];
export type BulletinScheduleRow = BulletinContent['schedule']['ahead'][number];
export type BulletinAction = BulletinContent['actions'][number];
export type BulletinContent = Bulletin['content'];
export type BulletinStatus = Bulletin['status'];
export type BulletinSummary = Schemas['BulletinSummary'];
export type Bulletin = Schemas['Bulletin'];
export interface BulletinDraftInput {
  number?: string;
  title?: string;
  intro?: string[];
  closing?: string[];
  changeNote?: string;
}

export type PublicPeriod = PublicCampaign['periods'][number];
export type PublicCampaign = Schemas['PublicCampaign'];
export type PublicUnitHistory = PublicUnit['history'][number];
export type PublicUnit = Schemas['PublicUnit'];
export type KioskTrendPeriod = KioskView['periods'][number];
export type KioskView = Schemas['KioskView'];
/** `event: publication` on the public and kiosk streams */
export interface PublicationEvent { campaign: string; period: string; bulletin: number; version: number }
export type Overview = ResponseOf<'/api/v1/overview', 'get'>;
export type OverviewCampaign = Overview['campaigns'][number];

// Roll-up links [上下联动]: cells of a campaign fed from lower campaigns
export type RollupLink = Schemas['RollupLink'];
export type RollupMeasure = RollupLink['measure'];
export type NewRollup = BodyOf<'/api/v1/campaigns/{id}/rollups', 'post'>;
