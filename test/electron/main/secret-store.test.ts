import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { createSecretStore } = await import('../../../electron/main/secret-store.js');

describe('the secret store', () => {
  afterEach(() => {
    fake.state.safe.available = true;
    fake.state.safe.backend = 'gnome_libsecret';
  });

  it('encrypts with the OS keychain when available', async () => {
    const warn = vi.fn();
    const store = createSecretStore(warn);
    expect(store.kind).toBe('os');
    const stored = await store.encrypt('tok-123');
    expect(stored).not.toContain('tok-123');
    expect(await store.decrypt(stored)).toBe('tok-123');
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to plain with a warning when encryption is unavailable or only the fixed-key backend exists', async () => {
    for (const setup of [() => (fake.state.safe.available = false), () => (fake.state.safe.backend = 'basic_text')]) {
      setup();
      const warn = vi.fn();
      const store = createSecretStore(warn);
      expect(store.kind).toBe('plain');
      expect(warn).toHaveBeenCalledOnce();
      expect(await store.decrypt(await store.encrypt('토큰'))).toBe('토큰');
      fake.state.safe.available = true;
      fake.state.safe.backend = 'gnome_libsecret';
    }
  });

  it('reads a value written before the keychain went away only with the keychain, and rejects garbage', async () => {
    const stored = await createSecretStore(vi.fn()).encrypt('tok');
    fake.state.safe.available = false;
    await expect(createSecretStore(vi.fn()).decrypt(stored)).rejects.toThrow(/sign in again/);
    await expect(createSecretStore(vi.fn()).decrypt('garbage')).rejects.toThrow(/sign in again/);
  });
});
