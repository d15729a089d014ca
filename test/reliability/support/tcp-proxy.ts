import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

export type ProxyMode =
  /** Pass bytes both ways. */
  | { kind: 'pass' }
  /** Refuse: every connection (new and open) is reset. */
  | { kind: 'down' }
  /** Reset a connection, with this probability per response chunk, after some bytes went back. */
  | { kind: 'flaky'; resetProbability: number };

/**
 * A loopback TCP proxy in front of the central service that can cut the line: take it down,
 * or reset connections at random in the middle of a response.
 */
export async function startTcpProxy(targetPort: number, random: () => number = Math.random) {
  let mode: ProxyMode = { kind: 'pass' };
  let resets = 0;
  const sockets = new Set<Socket>();

  const reset = (s: Socket) => {
    if (!s.destroyed) s.resetAndDestroy();
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode.kind === 'down') {
      reset(client);
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (!client.destroyed) client.end();
    });
    upstream.on('error', () => reset(client));
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (mode.kind === 'down') {
        reset(client);
        upstream.destroy();
        return;
      }
      if (mode.kind === 'flaky' && random() < mode.resetProbability) {
        // Let part of the response through, then cut: the client sees a truncated reply.
        const cut = Math.floor(random() * chunk.length);
        client.write(chunk.subarray(0, cut));
        resets += 1;
        reset(client);
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get resets() {
      return resets;
    },
    setMode(next: ProxyMode): void {
      mode = next;
      if (next.kind === 'down') for (const s of sockets) reset(s);
    },
    /** Point at another upstream port (the server restarted elsewhere). */
    retarget(port: number): void {
      targetPort = port;
    },
    async close(): Promise<void> {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;
