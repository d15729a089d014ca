import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { SecretStore } from '../host.js';

/**
 * The replica key at rest. A random 256-bit key encrypts the counsellor's replica (SQLCipher);
 * that key is sealed with AES-256-GCM under scrypt(password), and the sealed blob is sealed once
 * more by the OS (Electron safeStorage, through the host's SecretStore) where the OS offers it.
 * So the file opens only with the counsellor's password (also offline), and on a workstation
 * with a keyring only from the same OS account.
 */
export const KEY_BYTES = 32;

/** scrypt cost: N=2^15, r=8 (≈32 MiB, ~0.1 s on a desk PC): slow for guessing, quick for a sign-in. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;

export const WrappedKey = z.object({
  v: z.literal(1),
  kdf: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive(), salt: z.string().min(16) }),
  /** The GCM-sealed key (iv, tag, ciphertext; base64), then passed through the SecretStore. */
  sealed: z.string().min(1),
  /** How the outer layer was written ('os' = safeStorage), so a vanished keyring is explained. */
  outer: z.enum(['os', 'plain']),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

function derive(password: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r };
  return new Promise((resolve, reject) => {
    scrypt(password as BinaryLike, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function newReplicaKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export async function wrapKey(key: Buffer, password: string, secrets: SecretStore, kdf: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await derive(password, salt, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  const inner = Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  return { v: 1, kdf: { ...kdf, salt: salt.toString('base64') }, sealed: await secrets.encrypt(inner), outer: secrets.kind };
}

export class KeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}

/**
 * The replica key, or null when the password is wrong. Throws KeyUnavailableError when the OS
 * layer cannot be opened (another OS account, a reset keyring): then no password can help.
 */
export async function unwrapKey(wrapped: WrappedKey, password: string, secrets: SecretStore): Promise<Buffer | null> {
  let inner: Buffer;
  try {
    inner = Buffer.from(await secrets.decrypt(wrapped.sealed), 'base64');
  } catch {
    throw new KeyUnavailableError('이 PC의 보안 저장소로 로컬 데이터 키를 열 수 없습니다 (다른 OS 계정이거나 키 저장소가 바뀌었습니다).');
  }
  if (inner.length !== 12 + 16 + KEY_BYTES) return null;
  const kek = await derive(password, Buffer.from(wrapped.kdf.salt, 'base64'), wrapped.kdf);
  const decipher = createDecipheriv('aes-256-gcm', kek, inner.subarray(0, 12));
  decipher.setAuthTag(inner.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(inner.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
}

/** Constant-time comparison of two keys (the lock screen checks the password against the open key). */
export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
