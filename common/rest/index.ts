export * from './problem.js';
export * from './contract.js';
