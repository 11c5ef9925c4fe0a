export { parseCsv, type CsvRecord } from './csv.ts';
export { readRows, readCsvRows, rowsFromGrid, type LongRow } from './rows.ts';
export { readXlsxGrid } from './xlsx.ts';
export { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './limits.ts';
export { checkInflatedSize } from './zip-bound.ts';
export { readGrid, type Grid, type ReadTask } from './read-task.ts';
export { ReaderPool, readers, type OffLoopOptions } from './off-loop.ts';
