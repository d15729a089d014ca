export { AccessLog, deskIdOf, type AccessEvent } from './recorder.js';
export { AccessLogWriter, verifyChain, GENESIS_HASH } from './chain.js';
export { SubjectKeyer, maskCitizenKey } from './subject.js';
export { accessLogRoutes } from './routes.js';
