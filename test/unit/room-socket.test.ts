// The widget's and inbox's reconnecting room socket (issue 14: partysocket's reconnecting
// socket replaced by a small one of our own): each try asks for its URL again (a fresh
// token), a lost socket comes back, `close` is for good, `reconnect` starts over at once.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocket as NodeWebSocket } from 'ws';
import { RoomSocket } from '../../src/transports/room-socket.js';

/** A WebSocket the test opens and closes by hand. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  receive(data: string): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(code = 1000): void {
    if (this.readyState > 1) return;
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await tick();
  assert.ok(check());
}

describe('RoomSocket', () => {
  it('asks for a fresh URL on every try, passes frames and closes on, and comes back after a lost socket', async () => {
    FakeSocket.made = [];
    let n = 0;
    const socket = new RoomSocket(async () => `ws://x/parties/ticket/t1?token=${++n}`, { WebSocket: FakeSocket, minDelay: 0, maxDelay: 0 });
    const seen: string[] = [];
    socket.addEventListener('open', () => seen.push('open'));
    socket.addEventListener('message', (e) => seen.push(`message ${String(e.data)}`));
    socket.addEventListener('close', (e) => seen.push(`close ${e.code}`));
    await until(() => FakeSocket.made.length === 1);
    socket.send('before open'); // nothing is queued while not open
    FakeSocket.made[0]!.open();
    socket.send('hello');
    FakeSocket.made[0]!.receive('frame');
    FakeSocket.made[0]!.close(1006);
    await until(() => FakeSocket.made.length === 2);
    assert.deepEqual(FakeSocket.made.map((s) => s.url), ['ws://x/parties/ticket/t1?token=1', 'ws://x/parties/ticket/t1?token=2']);
    assert.deepEqual(FakeSocket.made[0]!.sent, ['hello']);
    assert.deepEqual(seen, ['open', 'message frame', 'close 1006']);
    socket.close();
  });

  it('stays closed after close(), and reconnect() starts again at once with a new URL', async () => {
    FakeSocket.made = [];
    let n = 0;
    const socket = new RoomSocket(async () => `ws://x/r?token=${++n}`, { WebSocket: FakeSocket, minDelay: 0, maxDelay: 0 });
    const closes: number[] = [];
    socket.addEventListener('close', (e) => closes.push(e.code));
    await until(() => FakeSocket.made.length === 1);
    FakeSocket.made[0]!.open();
    socket.close();
    socket.send('after close');
    assert.deepEqual(closes, [1000]);
    assert.deepEqual(FakeSocket.made[0]!.sent, [], 'nothing is sent once closed');
    await tick();
    await tick();
    assert.equal(FakeSocket.made.length, 1, 'no new socket after close()');
    socket.reconnect();
    await until(() => FakeSocket.made.length === 2);
    assert.equal(FakeSocket.made[1]!.url, 'ws://x/r?token=2');
    socket.close();
  });

  it("gives up a try that is still connecting without an uncaught error from Node's ws", async () => {
    // A server on 127.0.0.1 that takes the connection and never answers the handshake.
    const held: Socket[] = [];
    const server = createServer((c) => void held.push(c));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const socket = new RoomSocket(async () => `ws://127.0.0.1:${port}/parties/main/s`, { WebSocket: NodeWebSocket, minDelay: 0, maxDelay: 0 });
      const closes: number[] = [];
      socket.addEventListener('close', (e) => closes.push(e.code));
      await until(() => held.length === 1);
      socket.close(); // ws aborts the handshake and emits `error` on the next tick
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(closes, [1000], 'closed once, by close()');
    } finally {
      for (const c of held) c.destroy();
      server.close();
    }
  });
});
