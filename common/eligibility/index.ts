export * from './median-income.js';
export * from './screen.js';
