import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('server configuration', () => {
  it('defaults to SQLite under ./.data/server on 127.0.0.1:8787', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(8787);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database).toEqual({ engine: 'sqlite', file: path.join('/srv/app/.data/server', 'bokji.sqlite') });
    expect(c.demo).toBe(false);
    expect(c.demoPassword).toBe('bokji-demo-2026');
    expect(c.tokenTtlHours).toBe(12);
  });

  it('switches to PostgreSQL with DATABASE_URL and reads the flags', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', BOKJI_DEMO: '1', PORT: '9000', BOKJI_CTI_TOKEN: 'x'.repeat(20) });
    expect(c.database).toEqual({ engine: 'postgres', url: 'postgres://u@h/db', schema: null });
    expect(c.demo).toBe(true);
    expect(c.port).toBe(9000);
    expect(c.ctiToken).toBe('x'.repeat(20));
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KAKAO_SEND_URL: 'not a url', BOKJI_TOKEN_TTL_HOURS: '-1' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'KAKAO_SEND_URL', 'BOKJI_TOKEN_TTL_HOURS']) expect(message).toContain(name);
  });
});
