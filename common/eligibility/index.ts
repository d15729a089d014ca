export * from './median-income.js';
export * from './screen.js';
export * from './income-dependent.js';
