import type { Plugin } from 'vite';
import { cspMetaPlugin } from '../../../electron.vite.config.js';
import { APP_CSP, buildCsp, devServerCsp, metaCsp } from '../../../electron/main/security/csp.js';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));

function runPlugin(command: 'build' | 'serve', html: string): string {
  const plugin = cspMetaPlugin() as Plugin & {
    configResolved: (c: { command: string }) => void;
    transformIndexHtml: (html: string) => string;
  };
  plugin.configResolved({ command });
  return plugin.transformIndexHtml(html);
}

describe('the content security policy', () => {
  it('allows scripts and connections from the app only, and no frames, objects or forms', () => {
    const d = directives(APP_CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('adds sources without duplicating them', () => {
    const d = directives(buildCsp({ 'connect-src': ["'self'", 'ws://127.0.0.1:5174'] }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5174']);
  });

  it('leaves header-only directives out of the meta tag', () => {
    expect(metaCsp(APP_CSP)).not.toContain('frame-ancestors');
    expect(metaCsp(APP_CSP)).toContain("script-src 'self'");
  });

  it('writes the one policy into index.html at build time, replacing a hand-written one or adding it', () => {
    const written = runPlugin('build', '<html><head><meta http-equiv="Content-Security-Policy" content="default-src *" /></head></html>');
    expect(written).toContain(`content="${metaCsp(APP_CSP)}"`);
    expect(written).not.toContain('default-src *');
    expect(runPlugin('build', '<html><head><title>x</title></head></html>')).toContain(`content="${metaCsp(APP_CSP)}"`);
  });

  it('relaxes the policy only for the dev server', () => {
    const dev = runPlugin('serve', '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head></html>');
    expect(dev).toContain("'unsafe-inline'");
    expect(devServerCsp()).toContain('ws://localhost:*');
  });
});
