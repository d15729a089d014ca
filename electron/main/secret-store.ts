import { safeStorage } from 'electron';
import type { SecretStore } from '../services/host.js';

const OS_PREFIX = 'os1:';
const PLAIN_PREFIX = 'plain1:';

/**
 * The session token at rest: encrypted with the OS keychain (safeStorage) where it is available.
 * Linux without a keyring falls back to Chromium's fixed-key 'basic_text' backend, which is no
 * protection, so that counts as 'plain'. Each stored value says how it was written, so a
 * workstation whose keyring comes or goes can still read what it wrote.
 */
export function createSecretStore(warn: (message: string) => void = console.warn): SecretStore {
  const available = safeStorage.isEncryptionAvailable();
  const weakLinux = process.platform === 'linux' && available && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const kind: SecretStore['kind'] = available && !weakLinux ? 'os' : 'plain';
  if (kind === 'plain') {
    warn('[bokji-desk] OS secret storage is unavailable: the session token is stored unencrypted in the local data folder.');
  }
  return {
    kind,
    async encrypt(plain) {
      if (kind === 'os') return OS_PREFIX + safeStorage.encryptString(plain).toString('base64');
      return PLAIN_PREFIX + Buffer.from(plain, 'utf8').toString('base64');
    },
    async decrypt(stored) {
      if (stored.startsWith(OS_PREFIX)) {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('OS secret storage is unavailable; sign in again');
        return safeStorage.decryptString(Buffer.from(stored.slice(OS_PREFIX.length), 'base64'));
      }
      if (stored.startsWith(PLAIN_PREFIX)) return Buffer.from(stored.slice(PLAIN_PREFIX.length), 'base64').toString('utf8');
      throw new Error('unrecognised stored secret; sign in again');
    },
  };
}
