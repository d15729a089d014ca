export * from './normalize.js';
export * from './hangul.js';
export * from './korean-message.js';
export * from './naive-bayes.js';
