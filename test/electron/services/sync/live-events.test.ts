import type { Change } from '../../../../common/domain/index.js';
import type { RestClient } from '../../../../electron/services/rest/index.js';
import { type CarriedChanges, createLiveEvents } from '../../../../electron/services/sync/live-events.js';
import { waitFor } from '../fixtures.js';

/** A RestClient whose event stream sends `frames` and then stays open. */
function streamOf(frames: string[]): RestClient {
  return {
    openEvents: async (_lastEventId: string | null, signal: AbortSignal) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const f of frames) controller.enqueue(new TextEncoder().encode(f));
          signal.addEventListener('abort', () => controller.close(), { once: true });
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    },
  } as unknown as RestClient;
}

const change = (seq: number): Change => ({ seq, entity: 'cannedReply', id: crypto.randomUUID(), data: null });
const frame = (id: number, data: unknown) => `id: ${id}\nevent: change\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

async function run(frames: string[], apply: (c: CarriedChanges) => Promise<boolean>, expected: number) {
  const pokes: (number | null)[] = [];
  const carried: CarriedChanges[] = [];
  const live = createLiveEvents({
    rest: streamOf(frames),
    policy: { baseMs: 10, capMs: 50 },
    onPoke: (seq) => void pokes.push(seq),
    applyCarried: (c) => {
      carried.push(c);
      return apply(c);
    },
    onConnected: () => undefined,
    onDisconnected: () => undefined,
    onUnauthenticated: () => undefined,
  });
  live.start();
  await waitFor(() => pokes.length + carried.length >= expected, 5_000, 'the events handled');
  await live.stop();
  return { pokes, carried };
}

describe('live events: carried changes', () => {
  it('hands carried changes to applyCarried in order; no poke when they were applied', async () => {
    const order: number[] = [];
    const { pokes, carried } = await run(
      [frame(11, { seq: 11, after: 10, changes: [change(11)] }), frame(13, { seq: 13, after: 11, changes: [change(12), change(13)] })],
      async (c) => {
        // The second waits for the first even when the first is slow.
        if (c.after === 10) await new Promise((r) => setTimeout(r, 50));
        order.push(c.seq);
        return true;
      },
      2,
    );
    expect(carried.map((c) => c.after)).toEqual([10, 11]);
    expect(order).toEqual([11, 13]);
    expect(pokes).toEqual([]);
  });

  it('pulls (onPoke) when the cursor was elsewhere, when applying fails, and when the payload does not validate', async () => {
    const { pokes, carried } = await run(
      [
        frame(11, { seq: 11, after: 10, changes: [change(11)] }),
        frame(12, { seq: 12, after: 11, changes: [change(12)] }),
        // Out of order, a seq the changes do not end at, an unknown entity, `after` alone: not applied.
        frame(14, { seq: 14, after: 12, changes: [change(14), change(13)] }),
        frame(16, { seq: 16, after: 14, changes: [change(15)] }),
        frame(17, { seq: 17, after: 16, changes: [{ seq: 17, entity: 'nothing', id: 'x', data: null }] }),
        frame(18, { seq: 18, after: 17 }),
        frame(19, '{not json'),
        frame(20, { seq: 20 }),
      ],
      async (c) => {
        if (c.seq === 12) throw new Error('store closed');
        return false;
      },
      8,
    );
    expect(carried.map((c) => c.seq)).toEqual([11, 12]);
    expect(pokes).toEqual([11, 12, 14, 16, 17, 18, null, 20]);
  });
});
