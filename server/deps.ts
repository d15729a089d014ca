import type { ServerConfig } from './config.js';
import type { Store } from './db/store.js';
import type { ProgrammeCatalogue } from './programmes/catalogue.js';

/** What every route plugin gets: built once in buildServer. */
export interface ServerDeps {
  config: ServerConfig;
  store: Store;
  catalogue: ProgrammeCatalogue;
  /** Wakes the Kakao outbound delivery loop after a reply was written. */
  pokeOutbound(): void;
}
