export * from './citizen-simulator.js';
export * from './sink.js';
export * from './corpus.js';
export * from './random.js';
