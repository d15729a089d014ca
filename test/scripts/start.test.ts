import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinaryPresent, portIsFree, serverDataDir } from '../../scripts/start.mjs';
import { createServer } from 'node:net';

describe('npm start (scripts/start.mjs)', () => {
  it('keeps the local central service data in the OS data folder', () => {
    expect(serverDataDir('linux', {}, '/home/kim')).toBe('/home/kim/.local/share/bokji-desk/server');
    expect(serverDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/kim')).toBe('/xdg/bokji-desk/server');
    expect(serverDataDir('darwin', {}, '/Users/kim')).toBe('/Users/kim/Library/Application Support/bokji-desk/server');
    expect(serverDataDir('win32', { APPDATA: 'C:/Users/kim/AppData/Roaming' }, 'C:/Users/kim')).toBe(
      join('C:/Users/kim/AppData/Roaming', 'bokji-desk', 'server'),
    );
    expect(serverDataDir('linux', { BOKJI_DATA_DIR: '/srv/bokji' }, '/home/kim')).toBe('/srv/bokji');
  });

  it('tells whether the Electron binary has been downloaded', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bokji-start-'));
    try {
      const pkg = join(root, 'node_modules', 'electron');
      await mkdir(join(pkg, 'dist'), { recursive: true });
      await writeFile(join(root, 'package.json'), '{}');
      await writeFile(join(pkg, 'package.json'), '{"name":"electron","version":"45.0.0","main":"index.js"}');
      expect(electronBinaryPresent(root)).toBe(false);
      await writeFile(join(pkg, 'path.txt'), 'electron');
      expect(electronBinaryPresent(root)).toBe(false);
      await writeFile(join(pkg, 'dist', 'electron'), '');
      expect(electronBinaryPresent(root)).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('sees a port in use as taken', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const { port } = srv.address() as { port: number };
    expect(await portIsFree(port)).toBe(false);
    await new Promise<void>((r) => srv.close(() => r()));
    expect(await portIsFree(port)).toBe(true);
  });
});
