export { parseCsv, type CsvRecord } from './csv.ts';
export { readRows, readCsvRows, rowsFromGrid, type LongRow } from './rows.ts';
export { readXlsxGrid } from './xlsx.ts';
export { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './limits.ts';
export { checkInflatedSize } from './zip-bound.ts';
