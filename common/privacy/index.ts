export * from './sensitive.js';
export * from './name-mask.js';
