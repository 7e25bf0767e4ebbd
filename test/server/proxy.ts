/** A TCP proxy of ours between clients and the server, to cut connections at will. */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CuttingProxy {
  port: number;
  /** Resets every connection open now (both ends see it drop). */
  cut(): number;
  /** Offline: cuts everything and refuses new connections until set back. */
  setOffline(offline: boolean): void;
  /** Delays every chunk in both directions by up to this many ms (0: none). */
  setJitter(ms: number, rand?: () => number): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<CuttingProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let offline = false;
  let jitter = 0;
  let random = Math.random;
  const relay = (from: Socket, to: Socket) => {
    // Chunks keep their order: each waits for the one before it.
    let chain = Promise.resolve();
    from.on('data', (chunk) => {
      const wait = jitter ? random() * jitter : 0;
      chain = chain.then(() => new Promise((r) => setTimeout(r, wait))).then(() => void (to.destroyed || to.write(chunk)));
    });
  };
  const server: Server = createServer((client) => {
    if (offline) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const cut = (): number => {
    const n = pairs.size;
    for (const [a, b] of pairs) {
      a.resetAndDestroy();
      b.destroy();
    }
    pairs.clear();
    return n;
  };
  return {
    port: (server.address() as { port: number }).port,
    cut,
    setOffline(value) {
      offline = value;
      if (value) cut();
    },
    setJitter(ms, rand = Math.random) {
      jitter = ms;
      random = rand;
    },
    close: () =>
      new Promise((r) => {
        for (const [a, b] of pairs) (a.destroy(), b.destroy());
        server.close(() => r());
      }),
  };
}
