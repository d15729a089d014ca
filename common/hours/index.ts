export * from './holidays.js';
export * from './business-hours.js';
