import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentTypeFor, createAppRequestHandler, resolveAppFile } from '../../../electron/main/protocol/app-files.js';
import { APP_CSP } from '../../../electron/main/security/csp.js';

let root: string;
let outside: string;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'bokji-app-files-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>복지 데스크</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(outside, 'token');
});
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps / to index.html and paths to files under the root', () => {
    expect(resolveAppFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets%5c..%5c..%5csecret.txt', '/a%00.js', '/%E0%A4%A'])(
    'refuses %s',
    (p) => {
      expect(resolveAppFile(root, p)).toBeNull();
    },
  );
});

describe('the app:// request handler', () => {
  const handle = () => createAppRequestHandler({ root, csp: APP_CSP });

  it('serves files with their content type and the CSP header', async () => {
    const res = await handle()(new Request('app://bokji/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await res.text()).toContain('복지 데스크');
  });

  it('refuses traversal, other hosts, missing files and writes', async () => {
    const h = handle();
    expect((await h(new Request('app://bokji/..%2fsecret.txt'))).status).toBe(403);
    expect((await h(new Request('app://other/index.html'))).status).toBe(404);
    expect((await h(new Request('app://bokji/nope.js'))).status).toBe(404);
    expect((await h(new Request('app://bokji/assets'))).status).toBe(404);
    expect((await h(new Request('app://bokji/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('knows the types the renderer ships', () => {
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
