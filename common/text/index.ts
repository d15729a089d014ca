export * from './normalize.js';
export * from './hangul.js';
