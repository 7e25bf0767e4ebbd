// The agent sign-in throttle's rules (issue 12), on a clock the test moves; the real
// server's behaviour is in test/server/abuse.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../../party/core/storage.js';
import { SignInThrottle, addressBucketOf, clientAddress } from '../../party/core/sign-in-throttle.js';

describe('agent sign-in throttle', () => {
  const setup = () => {
    let clock = 1_800_000_000_000;
    const storage = new MemoryStorage();
    return { storage, throttle: new SignInThrottle(storage, () => clock), advance: (ms: number) => (clock += ms) };
  };

  it('five failures per address, then a wait that ends, for the right key too; the right key spends nothing', async () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 4; i++) assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', false), { ok: true });
    for (let i = 0; i < 3; i++) assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', true), { ok: true }, 'successes are free');
    assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', false), { ok: true });
    assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', false), { ok: false, retryAfterSeconds: 5 });
    assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', true), { ok: false, retryAfterSeconds: 5 }, 'no oracle');
    advance(5000);
    assert.deepEqual(await throttle.begin('203.0.113.7', 's.myshopify.com', true), { ok: true });
  });

  it('twenty failures per shop from any addresses, then that shop refuses wrong keys, never the right one (issue 13 #1)', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 20; i++) assert.equal((await throttle.begin(`192.0.2.${i}`, 'a.myshopify.com', false)).ok, true);
    assert.deepEqual(await throttle.begin('192.0.2.99', 'a.myshopify.com', false), { ok: false, retryAfterSeconds: 2 });
    assert.deepEqual(await throttle.begin('192.0.2.100', 'a.myshopify.com', true), { ok: true });
    assert.equal((await throttle.begin('192.0.2.101', 'b.myshopify.com', false)).ok, true);
  });

  it('counts an IPv6 address by its /64 and an IPv4-mapped one as IPv4', () => {
    assert.equal(addressBucketOf('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressBucketOf('2001:0db8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(addressBucketOf('2001:db8::9'), '2001:db8:0:0::/64');
    assert.equal(addressBucketOf('::ffff:198.51.100.4'), '198.51.100.4');
    assert.equal(addressBucketOf('198.51.100.4'), '198.51.100.4');
    const req = (headers: Record<string, string>) => new Request('http://x/', { headers });
    assert.equal(clientAddress(req({ 'CF-Connecting-IP': '198.51.100.4', 'X-Forwarded-For': '10.0.0.1' })), '198.51.100.4');
    assert.equal(clientAddress(req({ 'X-Forwarded-For': '10.0.0.1, 10.0.0.2' })), '10.0.0.1');
    assert.equal(clientAddress(req({})), 'local');
  });

  it('forgets buckets once they have refilled, so storage stays bounded', async () => {
    const { storage, throttle, advance } = setup();
    for (let i = 0; i < 31; i++) assert.equal((await throttle.begin(`198.51.100.${i}`, `c${i}.myshopify.com`, false)).ok, true);
    const before = (await storage.list({ prefix: 'a:' })).size;
    assert.equal(before, 31);
    advance(60_000);
    await throttle.begin('198.51.100.200', 'c.myshopify.com', false); // the 32nd attempt sweeps a page
    assert.equal((await storage.list({ prefix: 's:' })).size, 1);
    assert.equal((await storage.list({ prefix: 'a:' })).size, 1, 'only the fresh one is left');
  });
});
