// Public API of the engine. Pure: no I/O, no clock, no randomness. Everything that shows a score
// (CLI, server, web) gets it from here.
export type * from './model.ts';
export { baseOf, isApplicable, perUnitOf, targetOf, weightOf } from './model.ts';
export type * from './results.ts';
export type { Issue, Result } from './issues.ts';
export { formatIssue } from './issues.ts';
export { Dec, Rat } from './decimal.ts';
export { parseSpec, validateSpec } from './spec/parse.ts';
export { periodKeys, elapsedOf, periodIndex } from './periods.ts';
export { checkData, datasetFromColumns, type DataRow, type Dataset } from './data.ts';
export { computePeriod, evaluate, evaluateAll, evaluateEach, EvaluateError, type ComputedPeriod, type EvaluateOptions } from './evaluate.ts';
export { scheduleFacts, scheduleCellKey, type ScheduleCell, type ScheduleFacts } from './schedule-cell.ts';
export { renderTable } from './table.ts';
export { resultColumns, resultRows, type ResultColumns, type ColumnGroup, type Column, type Columns } from './columns.ts';
export {
  aggregateBallots, checkBallotDef, checkCastBallot, parseShare, BallotError,
  type BallotDef, type BallotKind, type BallotLevel, type BallotResult, type BallotIssue, type CastBallot, type GroupTally, type OutcomeRule, type RaterGroup, type SubjectTally,
} from './ballot/aggregate.ts';
export { selectQuota, type QuotaCandidate, type QuotaOptions, type QuotaSelection } from './ballot/quota.ts';
export {
  checkCombine, combineScores, CombineError,
  type CombineCandidate, type CombinedCandidate, type CombinedPart, type CombinedPartInfo, type CombineOptions, type CombinePart, type CombineResult,
} from './ballot/combine.ts';
