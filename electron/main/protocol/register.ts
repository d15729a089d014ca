import { protocol, type Session } from 'electron';
import { APP_SCHEME, createAppRequestHandler } from './app-files.js';

/** Must run before app 'ready': app:// behaves like https (standard, secure origin, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer (out/renderer) on app://bokji/ with the CSP header. */
export function serveRenderer(session: Session, rendererDir: string, csp: string): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler({ root: rendererDir, csp }));
}
