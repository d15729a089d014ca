export * from './detect.js';
export * from './hotlines.js';
export { CRISIS_RULES, type CrisisRule } from './rules.js';
