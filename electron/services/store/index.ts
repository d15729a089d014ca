export * from './store.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
