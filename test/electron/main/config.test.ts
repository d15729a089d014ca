import { ConfigError, readDesktopConfig } from '../../../electron/main/config.js';

describe('readDesktopConfig', () => {
  it('defaults to the local central service and a desk folder in user data', () => {
    expect(readDesktopConfig({}, '/home/u/.config/bokji-desk', false)).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
      serverUrlFixed: false,
      dataDir: '/home/u/.config/bokji-desk/desk',
      demoHint: null,
      devServerUrl: null,
    });
  });

  it('reads the server, data folder, demo hint and dev server from the environment', () => {
    const c = readDesktopConfig(
      {
        BOKJI_SERVER_URL: 'https://desk.example.go.kr/',
        BOKJI_DESK_DATA_DIR: '/data/desk',
        BOKJI_DEMO_HINT: '{"usernames":["counsellor1","admin"],"password":"bokji-demo-2026"}',
        ELECTRON_RENDERER_URL: 'http://localhost:5173',
      },
      '/ud',
      false,
    );
    expect(c).toEqual({
      serverUrl: 'https://desk.example.go.kr',
      serverUrlFixed: true,
      dataDir: '/data/desk',
      demoHint: { usernames: ['counsellor1', 'admin'], password: 'bokji-demo-2026' },
      devServerUrl: 'http://localhost:5173',
    });
  });

  it('never loads a dev server URL in a packaged app', () => {
    expect(readDesktopConfig({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, '/ud', true).devServerUrl).toBeNull();
  });

  it('names the variable that is wrong', () => {
    expect(() => readDesktopConfig({ BOKJI_SERVER_URL: 'ftp://x' }, '/ud', false)).toThrow(/BOKJI_SERVER_URL/);
    expect(() => readDesktopConfig({ BOKJI_DEMO_HINT: 'counsellor1' }, '/ud', false)).toThrow(ConfigError);
    expect(() => readDesktopConfig({ BOKJI_DEMO_HINT: '{"usernames":[]}' }, '/ud', false)).toThrow(/BOKJI_DEMO_HINT/);
  });

  it('accepts only https or loopback http for the server (the URL policy of main)', () => {
    expect(() => readDesktopConfig({ BOKJI_SERVER_URL: 'http://bokji.example.go.kr' }, '/ud', true)).toThrow(/BOKJI_SERVER_URL must be https/);
    expect(() => readDesktopConfig({ BOKJI_SERVER_URL: 'http://10.0.0.5:8787' }, '/ud', true)).toThrow(ConfigError);
    expect(() => readDesktopConfig({ BOKJI_SERVER_URL: 'https://user:pw@bokji.example.go.kr' }, '/ud', true)).toThrow(ConfigError);
    for (const ok of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'https://bokji.example.go.kr/desk/']) {
      expect(readDesktopConfig({ BOKJI_SERVER_URL: ok }, '/ud', true).serverUrlFixed).toBe(true);
    }
    expect(readDesktopConfig({ BOKJI_SERVER_URL: 'https://bokji.example.go.kr/desk/' }, '/ud', true).serverUrl).toBe('https://bokji.example.go.kr/desk');
  });
});
