import type { FastifyRequest } from 'fastify';
import { DESK_ID_HEADER, DeskId, type AccessAction, type AccessSubjectInput } from '../../common/rest/access-log.js';
import { nowIso } from '../db/store.js';
import type { AccessLogWriter, NewAccessEntry } from './chain.js';
import type { Subject, SubjectKeyer } from './subject.js';

export interface AccessEvent {
  action: AccessAction;
  entity: string;
  recordId?: string | null;
  subject?: AccessSubjectInput | null;
  reason?: string | null;
  rows?: number | null;
  /** Who, when no counsellor is signed in (a failed login: the user name tried). */
  actor?: { id: string | null; name: string | null };
}

/** The desk installation named by the request's X-Bokji-Desk-Id header, if well-formed. */
export function deskIdOf(request: FastifyRequest): string | null {
  const header = request.headers[DESK_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && DeskId.safeParse(value).success ? value : null;
}

/** Turns what a route did into access-log entries: who from the token, where from the connection. */
export class AccessLog {
  constructor(readonly writer: AccessLogWriter, readonly keyer: SubjectKeyer) {}

  entryFor(request: FastifyRequest, e: AccessEvent, at = nowIso()): NewAccessEntry {
    const me = request.counsellor;
    return {
      at,
      actorId: e.actor ? e.actor.id : (me?.id ?? null),
      actorName: e.actor ? e.actor.name : (me?.displayName ?? null),
      ip: request.ip ?? null,
      deskId: deskIdOf(request),
      action: e.action,
      entity: e.entity,
      recordId: e.recordId ?? null,
      subject: this.subject(e.subject),
      reason: e.reason ?? null,
      rows: e.rows ?? null,
    };
  }

  subject(input: AccessSubjectInput | null | undefined): Subject | null {
    return this.keyer.of(input);
  }

  /** Records one processing and waits until it is in the log: a response never outruns its entry. */
  async record(request: FastifyRequest, e: AccessEvent): Promise<void> {
    await this.writer.append([this.entryFor(request, e)]);
  }
}
