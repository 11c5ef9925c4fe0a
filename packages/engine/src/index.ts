// Public API of the engine. Pure: no I/O, no clock, no randomness. Everything that shows a score
// (CLI, server, web) gets it from here.
export type * from './model.ts';
export { baseOf, isApplicable, perUnitOf, targetOf, weightOf } from './model.ts';
export type * from './results.ts';
export type { Issue, Result } from './issues.ts';
export { formatIssue } from './issues.ts';
export { Dec } from './decimal.ts';
export { parseSpec, validateSpec } from './spec/parse.ts';
export { periodKeys, elapsedOf, periodIndex } from './periods.ts';
export { checkData, datasetFromColumns, type DataRow, type Dataset } from './data.ts';
export { computePeriod, evaluate, evaluateAll, EvaluateError, type ComputedPeriod, type EvaluateOptions } from './evaluate.ts';
export { renderTable } from './table.ts';
