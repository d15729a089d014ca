import { createDeskServices } from '../../../electron/services/create-desk-services.js';
import { TEST_KDF, fakeSecretStore, recordingWindow } from '../../electron/services/fixtures.js';

/**
 * The desk services alone in a process, so a test can SIGKILL them mid-sync. Prints one JSON
 * line per sync status ({"applied": n} during the first sync).
 */
const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const services = await createDeskServices({
  dataDir: env('DESK_DATA_DIR'),
  serverUrl: env('DESK_SERVER_URL'),
  secretStore: fakeSecretStore,
  windowControl: recordingWindow(),
  host: 'web',
  demoHint: null,
  kdf: TEST_KDF,
  tuning: { pullLimit: Number(process.env.DESK_PULL_LIMIT ?? '1000'), retryBaseMs: 50, retryCapMs: 500 },
});
services.onEvent((name, payload) => {
  if (name === 'sync:onSyncStatus') {
    const p = payload as { initialProgress: { applied: number } | null; state: string };
    process.stdout.write(`${JSON.stringify({ state: p.state, applied: p.initialProgress?.applied ?? null })}\n`);
  }
});
// Every start asks the counsellor's password: it unlocks the encrypted replica.
await services.handlers.session.login({ serverUrl: env('DESK_SERVER_URL'), username: env('DESK_USERNAME'), password: env('DESK_PASSWORD') });
await services.handlers.sync.syncNow(undefined);
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
