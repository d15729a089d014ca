/**
 * Whether an IPC call comes from our own page: the main frame of our window, showing a URL of
 * the app's own origin. Node's URL gives custom schemes an opaque origin ('null'), so compare
 * scheme and host instead of `.origin`.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(
  frame: SenderFrameLike | null | undefined,
  mainFrame: unknown,
  allowedOrigins: readonly string[],
): SenderVerdict {
  if (!frame) return { ok: false, reason: 'no sender frame (the frame navigated or was destroyed)' };
  if (frame !== mainFrame || frame.parent) return { ok: false, reason: 'not the main frame of the desk window' };
  if (!isAllowedOrigin(frame.url, allowedOrigins)) return { ok: false, reason: `foreign origin: ${originOf(frame.url) ?? frame.url}` };
  return { ok: true };
}
