import type { z } from 'zod';
import { AccessLogEventInput } from '../../../common/rest/index.js';

/** One desk event of POST /api/v1/access-log (common/rest/access-log.ts): a read served from the replica. */
export const DeskAccessEvent = AccessLogEventInput;
export type DeskAccessEvent = z.output<typeof AccessLogEventInput>;
export { AccessLogBatchResponse } from '../../../common/rest/index.js';
