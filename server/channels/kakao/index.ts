export * from './port.js';
export * from './event.js';
export * from './signature.js';
export * from './outbound.js';
export * from './webhook-routes.js';
export * from './keyed-queue.js';
export * from './send.js';
