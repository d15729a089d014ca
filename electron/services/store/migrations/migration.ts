import type { StoreTx } from '../store.js';

/** One numbered step of the local schema; runs inside a transaction that also bumps user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(tx: StoreTx): Promise<void>;
}
