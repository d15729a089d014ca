export * from './problem.js';
export * from './contract.js';
export * from './access-log.js';
