import { m001Initial } from './001-initial.js';
import { m002AccessEvents } from './002-access-events.js';
import { m003ReadMarks } from './003-read-marks.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in order; versions are 1..n without gaps (checked by the tests). */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002AccessEvents, m003ReadMarks];
