/**
 * Which central-service URLs the desk talks to: https anywhere, plain http only on this machine
 * (the local demo service, a TLS-terminating proxy on loopback). Main applies this to the
 * configuration, to the first-run proposal of the login screen and to an administrator's change.
 */
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname)) return true;
  return /^127(\.\d{1,3}){3}$/.test(hostname) && hostname.split('.').every((p) => Number(p) <= 255);
}

export function checkServerUrl(raw: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: `서버 주소가 올바른 URL이 아닙니다: ${raw}` };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, message: '서버 주소에는 사용자 정보, 쿼리, # 을 넣을 수 없습니다.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return { ok: false, message: '서버 주소는 https:// 이어야 합니다 (http:// 는 이 PC(127.0.0.1, localhost)에서만 허용됩니다).' };
  }
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
