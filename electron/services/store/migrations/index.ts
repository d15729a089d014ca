import { m001Initial } from './001-initial.js';
import { m002ReadMarks } from './002-read-marks.js';
import { m003AccessEvents } from './003-access-events.js';
import { m004InboxOrder } from './004-inbox-order.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in order; versions are 1..n without gaps (checked by the tests). */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002ReadMarks, m003AccessEvents, m004InboxOrder];
