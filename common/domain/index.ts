export * from './vocabulary.js';
export * from './primitives.js';
export * from './team.js';
export * from './counsellor.js';
export * from './conversation.js';
export * from './call-log.js';
export * from './programme.js';
export * from './change.js';
