import WebSocket from 'ws';
import { startServer, api, startChat, agentToken } from './test/server/harness.ts';
const server = await startServer();
try {
  const call = api(server);
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
  const agent = await agentToken(call);
  const xs: number[] = [];
  for (let k = 0; k < 8; k++) {
    const chat = await startChat(call, `prof-${Date.now()}-${k}`);
    const base = `${server.origin.replace('http', 'ws')}/parties/ticket/${chat.ticket.id}`;
    const open = async (token: string, origin?: string) => { const ws = new WebSocket(`${base}?token=${token}&v=1`, origin ? { origin } : {}); await new Promise((r) => ws.once('open', r)); return ws; };
    const a = await open(chat.ticketToken, 'http://localhost:5173');
    const b = await open(agent);
    for (let i = 0; i < 30; i++) {
      const id = crypto.randomUUID(); const t = performance.now();
      await new Promise<void>((r) => { const on = (d: any) => { const f = JSON.parse(String(d)); if (f.type === 'message' && f.message.clientId === id) { b.off('message', on); r(); } }; b.on('message', on); a.send(JSON.stringify({ type: 'send', clientId: id, body: 'x' })); });
      xs.push(performance.now() - t);
    }
    a.close(); b.close();
  }
  const e: number[] = [];
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/__bench/echo-do/write`); await new Promise((r) => ws.once('open', r));
  for (let i = 0; i < 200; i++) { const t = performance.now(); await new Promise<void>((r) => { ws.once('message', () => r()); ws.send('x'.repeat(100)); }); e.push(performance.now() - t); }
  ws.close();
  console.log('shopper→agent p50', med(xs).toFixed(2), 'ms; durable echo p50', med(e).toFixed(2), 'ms');
} finally { await server.stop(); }
