export * from './import.js';
export * from './result.js';
export * from './derive.js';
export * from './vocabulary-normalize.js';
export { readCentralCsv } from './central-csv.js';
export * from './catalogue-scope.js';
