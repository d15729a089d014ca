import { randomUUID } from 'node:crypto';
import type { KakaoWebhookEventInput } from '../channels/kakao/event.js';
import { signKakaoBody } from '../channels/kakao/signature.js';
import { KAKAO_WEBHOOK_PATH } from '../channels/kakao/webhook-routes.js';
import { citizenMessage, type CitizenMessage } from './corpus.js';
import { chance, pick, seededRandom } from './random.js';

export { signKakaoBody };

export interface CitizenSimulatorOptions {
  /** Base URL of the central service, e.g. http://127.0.0.1:8787. */
  serverUrl: string;
  /** KAKAO_WEBHOOK_SECRET of that server. */
  secret: string;
  /** Simulated citizens (default 5). */
  citizens?: number;
  /** Webhook requests per second across all citizens (default 2). */
  rate?: number;
  /** Stop after this many new citizen messages (chat_start events and redeliveries not counted). */
  messages?: number;
  /** Stop after this long; with neither limit the run sends citizens × 3 messages. */
  durationMs?: number;
  /** Share of messages that start a 구독 dialog or (when subscribed) say 수신거부 (default 0.05; 0 for none). */
  subscribeRatio?: number;
  /** Share of requests that repeat an earlier event byte for byte (default 0.05). */
  redeliverRatio?: number;
  /** Send chat_end for every citizen at the end (default false). */
  endChats?: boolean;
  seed?: number;
  /** Requests in flight at most (default 32). */
  concurrency?: number;
  /** Prefix of the citizens' user_key (default sim-<random>), so runs do not share conversations. */
  userKeyPrefix?: string;
  senderKey?: string;
  webhookPath?: string;
  requestTimeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Called after each request settles (for live progress). */
  onResult?: (result: SentEvent) => void;
}

export interface SentEvent {
  serialNumber: string;
  userKey: string;
  event: 'message' | 'chat_start' | 'chat_end';
  flavour: CitizenMessage['flavour'] | 'chat_start' | 'chat_end';
  redelivery: boolean;
  /** HTTP status, or 0 for a network error / time-out. */
  status: number;
  duplicate: boolean;
  latencyMs: number;
  error?: string;
}

export interface SimulatorSummary {
  citizens: number;
  userKeys: string[];
  /** Requests sent, redeliveries included. */
  sent: number;
  /** New events the server filed (200, not a duplicate). */
  accepted: number;
  /** 200 answers that the server recognised as redeliveries. */
  duplicates: number;
  redeliveries: number;
  /** New citizen messages sent (the --messages count). */
  messages: number;
  /** 4xx answers: our request was refused (a bad secret gives 401 here). */
  rejected: number;
  /** 5xx answers, network errors and time-outs. */
  failures: number;
  byStatus: Record<string, number>;
  byFlavour: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  durationMs: number;
  /** First few error descriptions, to say what went wrong. */
  errors: string[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

interface Citizen {
  userKey: string;
  started: boolean;
  sentMessages: number;
  /** Where the citizen is in the 구독 dialog: 0 idle, 1 asked (choose topics next), 2 chose (say yes next). */
  subscribeStep: 0 | 1 | 2;
  subscribed: boolean;
}

/** 구독 소식 (issue 14): a citizen sometimes subscribes (구독 -> topic numbers -> 네) or stops (수신거부). */
function subscriptionMessage(random: () => number, citizen: Citizen, ratio: number): CitizenMessage | null {
  if (citizen.subscribeStep === 1) {
    citizen.subscribeStep = 2;
    return { messageType: 'TX', message: pick(random, ['1', '1,2', '3', '0', '2, 4']), flavour: 'subscribe' };
  }
  if (citizen.subscribeStep === 2) {
    citizen.subscribeStep = 0;
    citizen.subscribed = true;
    return { messageType: 'TX', message: pick(random, ['네', '동의', '동의합니다']), flavour: 'subscribe' };
  }
  if (!chance(random, ratio)) return null;
  if (citizen.subscribed) {
    citizen.subscribed = false;
    return { messageType: 'TX', message: pick(random, ['수신거부', '구독 취소', '그만 받기']), flavour: 'unsubscribe' };
  }
  citizen.subscribeStep = 1;
  return { messageType: 'TX', message: pick(random, ['구독', '소식 받기']), flavour: 'subscribe' };
}

interface Prepared {
  body: string;
  signature: string;
  sent: Omit<SentEvent, 'status' | 'duplicate' | 'latencyMs' | 'redelivery'>;
}

/**
 * Plays citizens writing to the KakaoTalk channel: each opens a chat (chat_start), then sends
 * questions at the chosen overall rate, every request signed like the provider signs it.
 */
export function createCitizenSimulator(options: CitizenSimulatorOptions) {
  const citizensCount = Math.max(1, Math.floor(options.citizens ?? 5));
  const rate = options.rate ?? 2;
  if (!(rate > 0)) throw new RangeError('rate must be a positive number of requests per second');
  if (!options.secret) throw new Error('secret (KAKAO_WEBHOOK_SECRET) is required to sign webhook requests');
  const messageLimit = options.messages ?? (options.durationMs === undefined ? citizensCount * 3 : Infinity);
  const random = seededRandom(options.seed ?? Date.now());
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = new URL(options.webhookPath ?? KAKAO_WEBHOOK_PATH, options.serverUrl).toString();
  const prefix = options.userKeyPrefix ?? `sim-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 32;
  const redeliverRatio = options.redeliverRatio ?? 0.05;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const subscribeRatio = options.subscribeRatio ?? 0.05;

  const citizens: Citizen[] = Array.from({ length: citizensCount }, (_, i) => ({ userKey: `${prefix}-${i + 1}`, started: false, sentMessages: 0, subscribeStep: 0, subscribed: false }));
  const results: SentEvent[] = [];
  /** Events sent so far, with their settling, so a redelivery can follow its original. */
  const sentEvents: { prepared: Prepared; settled: Promise<void> }[] = [];
  let stopped = false;
  let wakeStop: (() => void) | null = null;
  let serial = 0;
  let newMessages = 0;

  function prepare(citizen: Citizen, kind: 'message' | 'chat_start' | 'chat_end'): Prepared {
    const serialNumber = `${prefix}-${++serial}`;
    const content: CitizenMessage | null =
      kind === 'message' ? (subscriptionMessage(random, citizen, subscribeRatio) ?? citizenMessage(random, citizen.sentMessages)) : null;
    const event: KakaoWebhookEventInput = {
      serial_number: serialNumber,
      event: kind,
      user_key: citizen.userKey,
      sender_key: options.senderKey ?? 'bokji-demo-sender',
      message_type: content?.messageType ?? 'TX',
      message: content?.message ?? '',
      ...(content?.imageUrl ? { image_url: content.imageUrl } : {}),
      time: new Date().toISOString(),
    };
    const body = JSON.stringify(event);
    return {
      body,
      signature: signKakaoBody(body, options.secret),
      sent: { serialNumber, userKey: citizen.userKey, event: kind, flavour: content?.flavour ?? (kind as 'chat_start' | 'chat_end') },
    };
  }

  async function send(p: Prepared, redelivery: boolean): Promise<void> {
    const started = performance.now();
    let status = 0;
    let duplicate = false;
    let error: string | undefined;
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-bokji-signature': p.signature },
        body: p.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      const text = await res.text();
      if (res.ok) {
        try {
          duplicate = (JSON.parse(text) as { duplicate?: unknown }).duplicate === true;
        } catch {
          // a 2xx without our JSON still counts as accepted
        }
      } else {
        error = `HTTP ${res.status} ${text.slice(0, 200)}`;
      }
    } catch (err) {
      error = `${(err as Error).name}: ${(err as Error).message}`;
    }
    const result: SentEvent = { ...p.sent, redelivery, status, duplicate, latencyMs: performance.now() - started, ...(error ? { error } : {}) };
    results.push(result);
    options.onResult?.(result);
  }

  /** The next request to send, or null when the message limit is reached. */
  function nextRequest(turn: number): { prepared: Prepared; after?: Promise<void> } | null {
    if (newMessages >= messageLimit) return null;
    if (sentEvents.length > 0 && chance(random, redeliverRatio)) {
      // Like a provider that got no answer in time: the same bytes again, once the first try settled.
      const original = sentEvents[Math.floor(random() * sentEvents.length)]!;
      return { prepared: original.prepared, after: original.settled };
    }
    const citizen = citizens[turn % citizens.length]!;
    if (!citizen.started) {
      citizen.started = true;
      return { prepared: prepare(citizen, 'chat_start') };
    }
    newMessages++;
    const prepared = prepare(citizen, 'message');
    citizen.sentMessages++;
    return { prepared };
  }

  async function run(): Promise<SimulatorSummary> {
    const startedAt = performance.now();
    const deadline = options.durationMs === undefined ? Infinity : startedAt + options.durationMs;
    const interval = 1000 / rate;
    const inFlight = new Set<Promise<void>>();
    let turn = 0;
    for (let k = 0; !stopped; k++) {
      const due = startedAt + k * interval;
      if (due >= deadline) break;
      const wait = due - performance.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            wakeStop = null;
            resolve();
          }, wait);
          wakeStop = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stopped) break;
      }
      const next = nextRequest(turn++);
      if (!next) break;
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const p: Promise<void> = (next.after ? next.after.then(() => send(next.prepared, true)) : send(next.prepared, false))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (!next.after) sentEvents.push({ prepared: next.prepared, settled: p });
    }
    await Promise.all(inFlight);
    if (options.endChats) {
      await Promise.all(citizens.filter((c) => c.started).map((c) => send(prepare(c, 'chat_end'), false)));
    }
    return summarise(performance.now() - startedAt);
  }

  function summarise(durationMs: number): SimulatorSummary {
    const latencies = results.map((r) => r.latencyMs).sort((a, b) => a - b);
    const byStatus: Record<string, number> = {};
    const byFlavour: Record<string, number> = {};
    for (const r of results) {
      byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
      if (!r.redelivery) byFlavour[r.flavour] = (byFlavour[r.flavour] ?? 0) + 1;
    }
    const ok = (r: SentEvent) => r.status >= 200 && r.status < 300;
    return {
      citizens: citizensCount,
      userKeys: citizens.filter((c) => c.started).map((c) => c.userKey),
      sent: results.length,
      accepted: results.filter((r) => ok(r) && !r.duplicate).length,
      duplicates: results.filter((r) => ok(r) && r.duplicate).length,
      redeliveries: results.filter((r) => r.redelivery).length,
      messages: results.filter((r) => r.event === 'message' && !r.redelivery).length,
      rejected: results.filter((r) => r.status >= 400 && r.status < 500).length,
      failures: results.filter((r) => r.status === 0 || r.status >= 500).length,
      byStatus,
      byFlavour,
      latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? 0) },
      durationMs: Math.round(durationMs),
      errors: [...new Set(results.flatMap((r) => (r.error ? [r.error] : [])))].slice(0, 5),
    };
  }

  return {
    run,
    /** Ends the run early; requests in flight still settle and are counted. */
    stop() {
      stopped = true;
      wakeStop?.();
    },
    results: () => [...results],
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function formatSummary(s: SimulatorSummary): string {
  return [
    `시민 ${s.citizens}명, ${(s.durationMs / 1000).toFixed(1)}초`,
    `sent ${s.sent} (messages ${s.messages}, redeliveries ${s.redeliveries})`,
    `accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}, failures ${s.failures}`,
    `latency p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms, max ${s.latencyMs.max} ms`,
    `status ${JSON.stringify(s.byStatus)}`,
    ...(s.errors.length ? [`errors: ${s.errors.join(' | ')}`] : []),
  ].join('\n');
}
