import { randomUUID } from 'node:crypto';
import type {
  InboundCitizenEvent, InboundFiled, KakaoInboxPort, PendingDelivery,
} from '../../../server/channels/kakao/index.js';

/** An in-memory KakaoInboxPort that behaves like the contract says, for adapter tests. */
export interface FakeMessage {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  kind: 'text' | 'programme_card';
  body: string;
  imageUrl: string | null;
  programmeId: string | null;
  programmeUrl: string | null;
  delivery: 'pending' | 'delivered' | 'failed' | null;
  deliveryError: string | null;
  nextAttemptAt: number | null;
  attempts: number;
  seq: number;
  claimed: boolean;
}

export class FakeKakaoPort implements KakaoInboxPort {
  readonly events: InboundCitizenEvent[] = [];
  readonly serials = new Map<string, string>();
  readonly conversations = new Map<string, { id: string; userKey: string; afterHoursNoticeAt: Date | null; closed: boolean }>();
  readonly messages: FakeMessage[] = [];
  readonly deliveryCalls: { messageId: string; status: string; error?: string; nextAttemptAt?: Date }[] = [];
  /** Make the next fileInbound calls throw (simulates the database being down). */
  failNextFiles = 0;
  /** Pause between "no open conversation" and creating one: opens the race a real database has. */
  raceWindowMs = 0;
  private seq = 0;

  async fileInbound(event: InboundCitizenEvent): Promise<InboundFiled> {
    if (this.failNextFiles > 0) {
      this.failNextFiles--;
      throw new Error('database is down');
    }
    const seen = this.serials.get(event.serialNumber);
    if (seen) {
      const c = this.conversations.get(seen)!;
      return { duplicate: true, conversationId: seen, messageId: null, afterHoursNoticeAlreadySent: c.afterHoursNoticeAt !== null, crisisToAnswer: null, channelAnswered: false };
    }
    this.events.push(event);
    let conversation = [...this.conversations.values()].find((c) => c.userKey === event.userKey && !c.closed);
    if (!conversation && this.raceWindowMs > 0) await new Promise((r) => setTimeout(r, this.raceWindowMs));
    if (!conversation) {
      conversation = { id: randomUUID(), userKey: event.userKey, afterHoursNoticeAt: null, closed: false };
      this.conversations.set(conversation.id, conversation);
    }
    const already = conversation.afterHoursNoticeAt !== null;
    let messageId: string | null = null;
    if (event.event === 'message' || event.message.trim()) {
      messageId = this.add(conversation.id, 'inbound', 'text', event.message, null, { imageUrl: event.imageUrl }).id;
    }
    // chat_end closes nothing (the port's contract): the data layer records it as a system message.
    this.serials.set(event.serialNumber, conversation.id);
    return { duplicate: false, conversationId: conversation.id, messageId, afterHoursNoticeAlreadySent: already, crisisToAnswer: null, channelAnswered: false };
  }

  async recordAfterHoursNotice(conversationId: string, body: string): Promise<string | null> {
    const c = this.conversations.get(conversationId);
    if (!c || c.afterHoursNoticeAt) return null;
    c.afterHoursNoticeAt = new Date();
    return this.add(conversationId, 'outbound', 'text', body, 'pending').id;
  }

  /** Crisis detection lives in the data layer (server/db/kakao-inbox); this fake raises none. */
  async recordCrisisAnswer(): Promise<string | null> {
    return null;
  }

  /** A counsellor's reply, as the messages route would write it. */
  reply(conversationId: string, body: string, card?: { programmeId: string; programmeUrl: string | null }): FakeMessage {
    return this.add(conversationId, 'outbound', card ? 'programme_card' : 'text', body, 'pending', card);
  }

  /** Claims as the database does: due, not claimed, and nothing earlier of the same citizen pending. */
  async claimDeliveries(limit: number, now: Date): Promise<PendingDelivery[]> {
    const pending = this.messages.filter((m) => m.delivery === 'pending').sort((a, b) => a.seq - b.seq);
    const heads = new Map<string, FakeMessage>();
    for (const m of pending) if (!heads.has(this.userKeyOf(m))) heads.set(this.userKeyOf(m), m);
    return [...heads.values()]
      .filter((m) => !m.claimed && (m.nextAttemptAt === null || m.nextAttemptAt <= now.getTime()))
      .slice(0, limit)
      .map((m) => {
        m.claimed = true;
        const work = { id: m.id, kind: 'reply', refId: m.id, orderKey: this.userKeyOf(m), attempts: m.attempts, claimToken: randomUUID(), claimedUntil: new Date(now.getTime() + 60_000).toISOString() };
        return {
          messageId: m.id,
          conversationId: m.conversationId,
          userKey: this.userKeyOf(m),
          kind: m.kind,
          body: m.body,
          programmeId: m.programmeId,
          programmeUrl: m.programmeUrl,
          attempts: m.attempts,
          work,
        };
      });
  }

  async setDelivery(
    delivery: PendingDelivery,
    outcome: { status: 'delivered' } | { status: 'failed'; error: string } | { status: 'pending'; error: string; nextAttemptAt: Date },
  ): Promise<boolean> {
    const messageId = delivery.messageId;
    const m = this.messages.find((x) => x.id === messageId);
    if (!m) throw new Error(`no message ${messageId}`);
    this.deliveryCalls.push({ messageId, ...outcome });
    m.attempts++;
    m.claimed = false;
    m.delivery = outcome.status;
    m.deliveryError = outcome.status === 'delivered' ? null : outcome.error;
    m.nextAttemptAt = outcome.status === 'pending' ? outcome.nextAttemptAt.getTime() : null;
    return true;
  }

  private userKeyOf(m: FakeMessage): string {
    return this.conversations.get(m.conversationId)!.userKey;
  }

  /** Lets every scheduled retry fall due now. */
  makeRetriesDue(): void {
    for (const m of this.messages) if (m.delivery === 'pending') m.nextAttemptAt = null;
  }

  inbound(): FakeMessage[] {
    return this.messages.filter((m) => m.direction === 'inbound');
  }

  private add(
    conversationId: string,
    direction: FakeMessage['direction'],
    kind: FakeMessage['kind'],
    body: string,
    delivery: FakeMessage['delivery'],
    extra: { imageUrl?: string | null; programmeId?: string; programmeUrl?: string | null } = {},
  ): FakeMessage {
    const m: FakeMessage = {
      id: randomUUID(), conversationId, direction, kind, body, imageUrl: extra.imageUrl ?? null,
      programmeId: extra.programmeId ?? null, programmeUrl: extra.programmeUrl ?? null,
      delivery, deliveryError: null, nextAttemptAt: null, attempts: 0, seq: this.seq++, claimed: false,
    };
    this.messages.push(m);
    return m;
  }
}
