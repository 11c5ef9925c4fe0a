export { parseCsv, type CsvRecord } from './csv.ts';
export { readRows, readCsvRows, rowsFromGrid } from './rows.ts';
export { readXlsxGrid } from './xlsx.ts';
