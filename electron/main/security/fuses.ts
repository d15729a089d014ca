/**
 * The Electron fuses the packaged app must carry (electron-builder.yml `electronFuses`): what
 * an attacker with file access to the workstation could otherwise use to run our binary as a
 * Node interpreter, attach a debugger or load other code next to the encrypted replica.
 */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
} as const;

/** DevTools only in development: a packaged desk never opens them (they would show the DOM's citizens' data and the IPC). */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}
