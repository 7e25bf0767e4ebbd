/**
 * Image uploads of a ticket (DESIGN §5): png, jpeg, webp or gif recognised by their
 * magic bytes (never by the declared type), at most 5 MB, stored in chunks under
 * the 128 KiB value limit, served with `nosniff` and a CSP that runs nothing.
 *
 * Storage layout (in the ticket room's storage):
 *   u:<id>       UploadMeta (with the side that uploaded it)
 *   u:<id>:<i>   the bytes, chunk i
 *   uq           the team's UploadQuota: bytes stored and recent upload times
 *   uqs          the shopper's UploadQuota (issue 17 B1: each side has its own limits)
 *   ux:<id>      when an upload no message refers to is removed (deleted once a message does)
 */
import type { Attachment, Ticket } from '../../src/protocol/index.js';
import { TICKET_KINDS, bearer, verifyToken } from './auth.js';
import { chatSecret, isDev, isLocalOrigin, type ServerEnv } from './env.js';
import { fail, json } from '../http/response.js';
import { readBody } from '../http/body.js';
import type { KVStorage } from './storage.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Images one ticket may hold in all (README "Reference server"). */
export const MAX_TICKET_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Images one ticket may hold in all, however small (issue 17 B1: a flood of tiny ones is refused too). */
export const MAX_TICKET_UPLOADS = 100;
/** Uploads one ticket may take per minute. */
export const MAX_UPLOADS_PER_MINUTE = 10;
/** How long an upload no message refers to is kept (`UPLOAD_TTL_SECONDS` overrides it). */
export const UNREFERENCED_UPLOAD_TTL_MS = 24 * 3_600_000;
/** Larger declared dimensions are dropped: a header is the sender's word. */
export const MAX_IMAGE_SIDE = 20_000;
const CHUNK = 120 * 1024;
const MINUTE = 60_000;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/**
 * Who uploaded an image: the shopper (their uploads and their MMS media) or the team (agents).
 * Each side has its own limits in a ticket, and a message carries only its own side's
 * uploads, so redacting the customer deletes every image of theirs (issue 17 B1, R16).
 */
export type UploadSide = 'shopper' | 'team';
export const sideOf = (role: string): UploadSide => (role === 'shopper' ? 'shopper' : 'team');
/** `uq` is the key every upload counted in before shoppers could upload: the team's. */
const quotaKey = (side: UploadSide | undefined) => (side === 'shopper' ? 'uqs' : 'uq');

interface UploadMeta {
  type: ImageType;
  size: number;
  chunks: number;
  width?: number;
  height?: number;
  /** The URL it was served under when uploaded: the only one a message may carry. */
  url?: string;
  /** Absent in uploads stored before issue 17 B1 recorded it. */
  by?: UploadSide;
}

interface UploadQuota {
  bytes: number;
  /** Images stored (kept ones and those still unclaimed); absent in quotas stored before issue 17. */
  count?: number;
  /** Times of the uploads of the last minute. */
  recent: number[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type from the file's first bytes, or null for anything else (HTML, SVG, polyglots). */
function sniffImage(b: Uint8Array): ImageType | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return 'image/gif';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Width and height from the header, where the format makes it cheap. */
function imageSize(type: ImageType, b: Uint8Array): { width: number; height: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    if (type === 'image/png') return { width: v.getUint32(16), height: v.getUint32(20) };
    if (type === 'image/gif') return { width: v.getUint16(6, true), height: v.getUint16(8, true) };
    if (type === 'image/webp') {
      const chunk = String.fromCharCode(...b.subarray(12, 16));
      if (chunk === 'VP8X') return { width: 1 + (v.getUint32(24, true) & 0xffffff), height: 1 + (v.getUint32(27, true) & 0xffffff) };
      if (chunk === 'VP8L') {
        const bits = v.getUint32(21, true);
        return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
      }
      if (chunk === 'VP8 ') return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
      return null;
    }
    // JPEG: walk the segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const length = v.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: v.getUint16(i + 7), height: v.getUint16(i + 5) };
      }
      i += 2 + length;
    }
  } catch {
    // A truncated header: no size.
  }
  return null;
}

export interface UploadContext {
  env: ServerEnv;
  ticketId: string;
  ticket(): Promise<Ticket | null>;
  /** Asks the ticket room to wake at this time (to remove the upload if no message refers to it). */
  schedule?(at: number): void;
  now?(): number;
  /**
   * The origin upload URLs are built on when the runtime knows it for sure (the in-page
   * mock: the URL the page itself addressed); the Worker leaves it out (see `uploadOrigin`).
   */
  publicOrigin?: string;
  /** Names the upload. */
  newId(): string;
  /** Whether the shop takes images from shoppers (`chat.attachments`, issue 17 B1); left out, it does. */
  shopperAttachments?(shop: string): Promise<boolean>;
  /**
   * Spends a shopper's daily upload bytes in their shop (one call per upload, issue 13 #2);
   * left out, only the per-ticket limits hold.
   */
  spendUploadBytes?(shop: string, customerId: string, bytes: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}

/**
 * The origin an upload's URL is built on: `PUBLIC_ORIGIN`, else (dev servers only) the
 * request's own origin when it is loopback, else null. Never the `Host` header as such:
 * anyone can send `Host: evil.example`, and the inbox would load the image from there
 * (issue 13 #3).
 */
export function uploadOrigin(env: ServerEnv, requestUrl: URL): string | null {
  if (env.PUBLIC_ORIGIN) {
    try {
      const origin = new URL(env.PUBLIC_ORIGIN).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }
  return isDev(env) && isLocalOrigin(requestUrl.origin) ? requestUrl.origin : null;
}

/** `POST ticket/{id}/uploads` and `GET ticket/{id}/uploads/{uploadId}`; the gate checked the token. */
export async function handleUploadRequest(request: Request, storage: KVStorage, ctx: UploadContext): Promise<Response> {
  const url = new URL(request.url);
  const parts = url.pathname.split('/').filter(Boolean).slice(3);
  if (request.method === 'GET' && parts.length === 2) return serveUpload(storage, parts[1]!);
  if (request.method !== 'POST' || parts.length !== 1) return fail(404, 'not_found', 'No such route.');

  const origin = ctx.publicOrigin ?? uploadOrigin(ctx.env, url);
  if (!origin) return fail(500, 'misconfigured', 'The server has no valid PUBLIC_ORIGIN for image URLs.');
  const ticket = await ctx.ticket();
  const claims = await verifyToken(chatSecret(ctx.env)!, bearer(request) ?? '', Date.now(), TICKET_KINDS);
  if (!ticket || !claims || claims.shop !== ticket.shop) return fail(403, 'forbidden', 'You may not upload to this ticket.');
  if (ticket.status === 'closed') return fail(409, 'ticket_closed', 'This chat has ended.');
  if (claims.role === 'shopper' && ctx.shopperAttachments && !(await ctx.shopperAttachments(ticket.shop))) {
    return fail(403, 'attachments_off', 'This shop does not take images in its chats.');
  }
  const bytes = await readBody(request, MAX_UPLOAD_BYTES);
  if (!bytes) return fail(413, 'too_large', 'Images are at most 5 MB.');
  const type = sniffImage(bytes);
  if (!type) return fail(415, 'unsupported_type', 'Only PNG, JPEG, WebP and GIF images can be sent.');

  const now = ctx.now?.() ?? Date.now();
  const side = sideOf(claims.role);
  // The ticket's room is taken before the shopper's day is spent, in one read and write
  // (storage awaits only: no other upload comes between), and given back if the day
  // refuses: only images stored spend either, also twenty at once (issue 17 B1).
  const refused = await reserve(storage, side, bytes.length, now, ctx.env);
  if (refused) return refused;
  if (side === 'shopper' && ctx.spendUploadBytes) {
    const spent = await ctx.spendUploadBytes(ticket.shop, claims.sub, bytes.length).catch(async (err: unknown) => {
      await release(storage, side, bytes.length, now);
      throw err;
    });
    if (!spent.ok) {
      await release(storage, side, bytes.length, now);
      return tooManyBytesToday(spent.retryAfterSeconds);
    }
  }

  const id = ctx.newId();
  const href = `${origin}/parties/ticket/${ctx.ticketId}/uploads/${id}`;
  const meta = uploadMeta(type, bytes, href, side);
  // Quota first (reserved above): a crash mid-way over-counts, never under-counts.
  const expiresAt = now + unreferencedTtl(ctx.env);
  await storage.put(`ux:${id}`, expiresAt);
  await writeUpload(storage, id, meta, bytes);
  ctx.schedule?.(expiresAt);
  return json(201, { id, ...attachmentOf(meta) });
}

function uploadMeta(type: ImageType, bytes: Uint8Array, url: string, by: UploadSide): UploadMeta {
  const meta: UploadMeta = { type, size: bytes.length, chunks: Math.ceil(bytes.length / CHUNK), url, by };
  const size = imageSize(type, bytes);
  if (size && size.width > 0 && size.height > 0 && size.width <= MAX_IMAGE_SIDE && size.height <= MAX_IMAGE_SIDE) Object.assign(meta, size);
  return meta;
}

/** The chunks, then the meta that makes the upload exist: a crash mid-way leaves no half image. */
async function writeUpload(storage: KVStorage, id: string, meta: UploadMeta, bytes: Uint8Array): Promise<void> {
  for (let i = 0; i < meta.chunks; i++) await storage.put(`u:${id}:${i}`, bytes.slice(i * CHUNK, (i + 1) * CHUNK));
  await storage.put(`u:${id}`, meta);
}

function attachmentOf(meta: UploadMeta): Attachment {
  const a: Attachment = { type: 'image', url: meta.url! };
  if (meta.width && meta.height) Object.assign(a, { width: meta.width, height: meta.height });
  return a;
}

/**
 * Stores an image the server itself received for this ticket (an MMS medium, the
 * shopper's) as an upload a message already refers to (never swept), within the
 * shopper's limits in the ticket; null when the bytes are no image or the ticket holds
 * no more of theirs.
 */
export async function storeReceivedImage(storage: KVStorage, ticketId: string, origin: string, id: string, bytes: Uint8Array, now: number): Promise<Attachment | null> {
  const type = sniffImage(bytes);
  if (!type || bytes.length > MAX_UPLOAD_BYTES) return null;
  const quota = await readQuota(storage, 'shopper', now);
  if (quota.bytes + bytes.length > MAX_TICKET_UPLOAD_BYTES || (quota.count ?? 0) >= MAX_TICKET_UPLOADS) return null;
  const meta = uploadMeta(type, bytes, `${origin}/parties/ticket/${ticketId}/uploads/${id}`, 'shopper');
  await storage.put(quotaKey('shopper'), { ...quota, bytes: quota.bytes + bytes.length, count: (quota.count ?? 0) + 1 });
  await writeUpload(storage, id, meta, bytes);
  return attachmentOf(meta);
}

async function readQuota(storage: KVStorage, side: UploadSide, now: number): Promise<UploadQuota> {
  const quota = (await storage.get<UploadQuota>(quotaKey(side))) ?? { bytes: 0, recent: [] };
  return { bytes: quota.bytes, count: quota.count ?? 0, recent: quota.recent.filter((t) => t > now - MINUTE) };
}

/** Counts one upload of `size` bytes in its side's quota, or answers why it does not fit. */
async function reserve(storage: KVStorage, side: UploadSide, size: number, now: number, env: ServerEnv): Promise<Response | null> {
  const quota = await readQuota(storage, side, now);
  const refusal = ticketRefusal(quota, size, env);
  if (refusal) return refusal;
  await storage.put(quotaKey(side), { bytes: quota.bytes + size, count: (quota.count ?? 0) + 1, recent: [...quota.recent, now] });
  return null;
}

/** Gives back what `reserve` counted for an upload that was then not stored. */
async function release(storage: KVStorage, side: UploadSide, size: number, at: number): Promise<void> {
  const quota = await readQuota(storage, side, at);
  const recent = [...quota.recent];
  const i = recent.indexOf(at);
  if (i >= 0) recent.splice(i, 1);
  await storage.put(quotaKey(side), { bytes: Math.max(0, quota.bytes - size), count: Math.max(0, (quota.count ?? 0) - 1), recent });
}

/** `MAX_TICKET_UPLOADS`, or the lower `UPLOADS_PER_TICKET` a test server runs with. */
function maxTicketUploads(env: ServerEnv): number {
  const n = Number(env.UPLOADS_PER_TICKET);
  return Number.isInteger(n) && n > 0 && n < MAX_TICKET_UPLOADS ? n : MAX_TICKET_UPLOADS;
}

/** The ticket's limits for one side: their answer to one more upload of `size` bytes, or null when it fits. */
function ticketRefusal(quota: UploadQuota, size: number, env: ServerEnv): Response | null {
  if (quota.recent.length >= MAX_UPLOADS_PER_MINUTE) return fail(429, 'rate_limited', `At most ${MAX_UPLOADS_PER_MINUTE} images a minute.`);
  if ((quota.count ?? 0) >= maxTicketUploads(env)) return fail(413, 'quota_exceeded', 'This chat holds no more images.');
  if (quota.bytes + size > MAX_TICKET_UPLOAD_BYTES) return fail(413, 'quota_exceeded', 'This chat holds no more images.');
  return null;
}

function tooManyBytesToday(retryAfterSeconds: number): Response {
  return json(
    429,
    { error: { code: 'rate_limited', message: `You have sent many images today: try again in ${Math.ceil(retryAfterSeconds / 3600)} h.` } },
    { 'Retry-After': String(retryAfterSeconds), 'Access-Control-Expose-Headers': 'Retry-After' },
  );
}

async function serveUpload(storage: KVStorage, id: string): Promise<Response> {
  const meta = UUID.test(id) ? await storage.get<UploadMeta>(`u:${id}`) : undefined;
  if (!meta) return fail(404, 'not_found', 'No such image.');
  const chunks = await storage.list<Uint8Array>({ prefix: `u:${id}:` });
  const out = new Uint8Array(meta.size);
  let at = 0;
  for (let i = 0; i < meta.chunks; i++) {
    const chunk = chunks.get(`u:${id}:${i}`)!;
    out.set(chunk, at);
    at += chunk.length;
  }
  return new Response(out, {
    headers: {
      'Content-Type': meta.type,
      'Content-Length': String(meta.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    },
  });
}

const unreferencedTtl = (env: ServerEnv): number => {
  const seconds = Number(env.UPLOAD_TTL_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : UNREFERENCED_UPLOAD_TTL_MS;
};

/**
 * The attachments of a message as this ticket stored them, or null when one is not an
 * image uploaded to this very ticket by the sender's own side (a `javascript:` URL, a
 * tracker on another host, another ticket's image, the shopper's photo in an agent's
 * reply: issue 17 B1, it would outlive the customer's redaction). URL and dimensions
 * come from the upload, never from the sender; the uploads are kept from then on (no
 * longer swept).
 */
export async function claimUploads(storage: KVStorage, ticketId: string, attachments: readonly Attachment[], side: UploadSide): Promise<Attachment[] | null> {
  const out: Attachment[] = [];
  for (const a of attachments) {
    const id = uploadIdOf(a.url, ticketId);
    const meta = id ? await storage.get<UploadMeta>(`u:${id}`) : undefined;
    // Clients send images only: `file` attachments are MMS media the server lists itself.
    if (a.type !== 'image' || !id || !meta?.url || meta.url !== a.url) return null;
    // Uploads stored before the side was recorded name none: either side may still send them.
    if (meta.by && meta.by !== side) return null;
    const own: Attachment = { type: 'image', url: meta.url };
    if (a.alt) own.alt = a.alt;
    if (meta.width && meta.height) Object.assign(own, { width: meta.width, height: meta.height });
    out.push(own);
  }
  for (const a of attachments) await storage.delete(`ux:${uploadIdOf(a.url, ticketId)}`);
  return out;
}

function uploadIdOf(href: string, ticketId: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const prefix = `/parties/ticket/${ticketId}/uploads/`;
  const id = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
  return UUID.test(id) && !url.search && !url.hash ? id : null;
}

/**
 * Removes the uploads no message referred to within their time (the ticket room's
 * alarm runs this); returns when the next one is due, or null.
 */
export async function sweepUploads(storage: KVStorage, now: number): Promise<number | null> {
  const pending = await storage.list<number>({ prefix: 'ux:' });
  let next: number | null = null;
  const freed = new Map<string, { bytes: number; count: number }>();
  for (const [key, expiresAt] of pending) {
    if (expiresAt > now) {
      next = next === null ? expiresAt : Math.min(next, expiresAt);
      continue;
    }
    const id = key.slice(3);
    const meta = await storage.get<UploadMeta>(`u:${id}`);
    for (let i = 0; i < (meta?.chunks ?? 0); i++) await storage.delete(`u:${id}:${i}`);
    await storage.delete(`u:${id}`);
    await storage.delete(key);
    if (!meta) continue;
    // Back to the quota of the side that uploaded it (the team's for uploads that name none).
    const side = quotaKey(meta.by);
    const f = freed.get(side) ?? { bytes: 0, count: 0 };
    freed.set(side, { bytes: f.bytes + meta.size, count: f.count + 1 });
  }
  for (const [key, f] of freed) {
    const quota = await storage.get<UploadQuota>(key);
    if (quota) await storage.put(key, { ...quota, bytes: Math.max(0, quota.bytes - f.bytes), count: Math.max(0, (quota.count ?? 0) - f.count) });
  }
  return next;
}
