import { DeskError, type DeskHandlers, type WorkstationSettings } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { DeskServicesConfig } from '../host.js';
import type { SessionService } from '../session/session-service.js';
import { checkServerUrl } from '../session/server-url.js';
import type { Vault } from '../vault/vault.js';

/** The administrator's workstation policy (lock minutes, logout keep/wipe) and server URL. */
export function createWorkstationSettings(deps: { vault: Vault; session: SessionService; events: EventHub; config: Pick<DeskServicesConfig, 'serverUrl' | 'serverUrlFixed'> }) {
  const current = (): WorkstationSettings => {
    const ws = deps.vault.workstation();
    return {
      ...ws.policy,
      serverUrl: deps.config.serverUrlFixed ? deps.config.serverUrl : ws.serverUrl,
      serverUrlFixed: deps.config.serverUrlFixed ?? false,
    };
  };
  const handlers: Pick<DeskHandlers['settings'], 'workstation' | 'setWorkstation'> = {
    workstation: async () => current(),
    setWorkstation: async ({ serverUrl, ...policy }) => {
      if (deps.session.requireCounsellor().role !== 'admin') throw new DeskError('forbidden', '워크스테이션 설정은 관리자만 바꿀 수 있습니다.');
      if (serverUrl !== undefined) {
        if (deps.config.serverUrlFixed) throw new DeskError('rejected', '서버 주소는 설정(BOKJI_SERVER_URL)으로 정해져 있어 바꿀 수 없습니다.');
        const check = checkServerUrl(serverUrl);
        if (!check.ok) throw new DeskError('invalid_argument', check.message, [{ path: 'serverUrl', message: check.message }]);
        // Takes effect at the next sign-in: the open session keeps the server it signed in to.
        await deps.vault.setServerUrl(check.url);
      }
      const ws = deps.vault.workstation();
      await deps.vault.setPolicy({ ...ws.policy, ...Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) });
      deps.events.emit('session:onChange', deps.session.state());
      return current();
    },
  };
  return handlers;
}
