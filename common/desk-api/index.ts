export * from './define.js';
export * from './errors.js';
export * from './spec.js';
export * from './dispatch.js';
export type * from './types.js';
