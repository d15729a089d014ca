import type { ClaimedWork } from '../../delivery/outbound-claims.js';
import type { CrisisKind } from '../../../common/domain/index.js';

/**
 * The seam between the KakaoTalk channel adapter (server/channels/kakao) and the server's data
 * layer (server/db). The adapter knows the provider's wire format, signatures, retries and the
 * 운영시간 rule; the data layer knows tables, transactions and the change feed. The data layer
 * implements this port; the adapter only calls it.
 */
export interface InboundCitizenEvent {
  /** Provider's unique id of the event; a redelivery repeats it. */
  serialNumber: string;
  event: 'message' | 'chat_start' | 'chat_end';
  /** Citizen id on the channel. */
  userKey: string;
  messageType: 'TX' | 'IM';
  /** Text (TX) or caption (IM); already validated, never HTML-interpreted anywhere. */
  message: string;
  imageUrl: string | null;
  /** When the provider says the citizen sent it (ISO 8601). */
  sentAt: string;
}

export interface InboundFiled {
  /** True when this serial number was filed before: nothing new was written. */
  duplicate: boolean;
  conversationId: string;
  /**
   * The message row created: the citizen's message, or for chat_end the system message
   * "시민이 상담을 종료했습니다" (with the citizen's text, if any); null for duplicates and for
   * chat_start without text.
   */
  messageId: string | null;
  /** Whether the conversation already had its 운영시간 안내 before this event. */
  afterHoursNoticeAlreadySent: boolean;
  /**
   * The event was answered as it was filed (the reply to the satisfaction question, kept in the
   * closed chat): no other automatic answer follows, and no channel keyword handling.
   */
  channelAnswered: boolean;
  /**
   * The conversation's crisis signal (common/crisis, raised by this or an earlier message) when
   * its automatic answer has not gone out yet; null otherwise. Outside hours the adapter answers
   * it with the 24-hour lines instead of the 운영시간 안내.
   */
  crisisToAnswer: { kind: CrisisKind; messageId: string } | null;
}

export interface PendingDelivery {
  /** The item's uuid, sent as serial_number (a reply's message id): a redelivery repeats it. */
  messageId: string;
  conversationId: string | null;
  userKey: string;
  kind: 'text' | 'programme_card';
  body: string;
  programmeId: string | null;
  /**
   * Optional: the programme's source page (http/https) for a card's link button, and its name.
   * When the data layer leaves them out, the adapter asks its `programmeLink` option, if any.
   */
  programmeUrl?: string | null;
  programmeName?: string | null;
  /** Delivery attempts made before this one (each claim counts one). */
  attempts: number;
  /** The database lease this delivery runs under (server/delivery/outbound-claims.ts); handed back to setDelivery. */
  work: ClaimedWork;
}

export interface KakaoInboxPort {
  /**
   * Files one citizen event in one transaction: de-duplicates by serial number, appends the
   * message to the citizen's open (not 종료) conversation or opens a new one, bumps unread counts,
   * and writes the change feed entries. chat_end never closes a conversation (closing needs the
   * counsellor's field and summary): it is recorded as a system message in the open conversation,
   * or in the latest one when none is open.
   */
  fileInbound(event: InboundCitizenEvent): Promise<InboundFiled>;
  /**
   * Records the automatic 운영시간 안내 as an outbound system message (delivery 'pending') and
   * stamps the conversation's afterHoursNoticeAt, only if it has none yet. Returns the message id,
   * or null when the conversation already had its notice.
   */
  recordAfterHoursNotice(conversationId: string, body: string): Promise<string | null>;
  /**
   * Records the automatic crisis answer (delivery 'pending') for the signal raised by
   * `crisisMessageId`, once: stamps crisisAnsweredAt (and afterHoursNoticeAt, as the answer
   * says the centre is closed). Returns the message id, or null when already answered or when
   * the signal is no longer the conversation's (dismissed meanwhile).
   */
  recordCrisisAnswer(conversationId: string, crisisMessageId: string, body: string): Promise<string | null>;
  /**
   * Claims due outbound work with a lease, oldest first: at most one item per citizen (its
   * earliest not yet delivered or failed), none that another server instance holds.
   */
  claimDeliveries(limit: number, now: Date): Promise<PendingDelivery[]>;
  /**
   * Sets the delivery outcome and releases the claim; 'pending' with a nextAttemptAt schedules a
   * retry (the citizen's later items wait for it). False when the lease was lost meanwhile.
   */
  setDelivery(
    delivery: PendingDelivery,
    outcome: { status: 'delivered' } | { status: 'failed'; error: string } | { status: 'pending'; error: string; nextAttemptAt: Date },
  ): Promise<boolean>;
}

/** What the adapter offers the rest of the server. */
export interface KakaoOutbound {
  /** Wake the delivery loop (a reply or notice was just written). */
  poke(): void;
  /** Stop the loop; resolves when in-flight deliveries have settled. */
  close(): Promise<void>;
}
