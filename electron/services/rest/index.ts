export * from './rest-client.js';
export * from './rest-error.js';
