import type { Programme } from '../../common/domain/index.js';

/** A source row the importer did not turn into a programme, and why. */
export interface SkippedRow {
  /** Which file or input (e.g. "central-services-20250722.csv"). */
  source: string;
  /** CSV record number (header = 1) or 1-based position in the JSON array. */
  row: number;
  reason: string;
}

export interface ImportResult {
  programmes: Programme[];
  /** Rows not imported, with the reason. */
  skipped: SkippedRow[];
  /** Rows imported with a change worth knowing (unknown tags dropped, an over-long field shortened). */
  notes: SkippedRow[];
}
