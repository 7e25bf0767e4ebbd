/** Raw WebSockets for the suites that measure the server: opening one, and echo round trips. */
import WebSocket from 'ws';

export function socket(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * Round trips through an echo, back to back (`gapMs` 0), or paced like the chat load
 * of the latency suite (one every 10 ms). Back to back every process on the path stays awake; paced,
 * each round trip also pays the wake-ups the chat messages pay.
 */
export async function echoRtts(url: string, n: number, gapMs = 0): Promise<number[]> {
  const ws = await socket(url);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    const t = performance.now();
    await new Promise<void>((r) => {
      ws.once('message', () => r());
      ws.send(JSON.stringify({ i, pad: 'x'.repeat(80) }));
    });
    out.push(performance.now() - t);
  }
  ws.close();
  return out;
}
