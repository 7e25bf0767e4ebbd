/**
 * Image uploads of a ticket (DESIGN §5): png, jpeg, webp or gif recognised by their
 * magic bytes (never by the declared type), at most 5 MB, stored in chunks under
 * the 128 KiB value limit, served with `nosniff` and a CSP that runs nothing.
 */
import type { Attachment, Ticket } from '../../src/protocol/index.js';
import { bearer, verifyToken } from './auth.js';
import { chatSecret, type ServerEnv } from './env.js';
import { TICKET_KINDS, fail, json } from './http.js';
import type { KVStorage } from './storage.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const CHUNK = 120 * 1024;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

interface UploadMeta {
  type: ImageType;
  size: number;
  chunks: number;
  width?: number;
  height?: number;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type from the file's first bytes, or null for anything else (HTML, SVG, polyglots). */
export function sniffImage(b: Uint8Array): ImageType | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return 'image/gif';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Width and height from the header, where the format makes it cheap. */
export function imageSize(type: ImageType, b: Uint8Array): { width: number; height: number } | null {
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
}

/** `POST ticket/{id}/uploads` and `GET ticket/{id}/uploads/{uploadId}`; the gate checked the token. */
export async function handleUploadRequest(request: Request, storage: KVStorage, ctx: UploadContext): Promise<Response> {
  const url = new URL(request.url);
  const parts = url.pathname.split('/').filter(Boolean).slice(3);
  if (request.method === 'GET' && parts.length === 2) return serveUpload(storage, parts[1]!);
  if (request.method !== 'POST' || parts.length !== 1) return fail(404, 'not_found', 'No such route.');

  const ticket = await ctx.ticket();
  const claims = await verifyToken(chatSecret(ctx.env)!, bearer(request) ?? '', Date.now(), TICKET_KINDS);
  if (!ticket || !claims || claims.shop !== ticket.shop) return fail(403, 'forbidden', 'You may not upload to this ticket.');
  if (ticket.status === 'closed') return fail(409, 'ticket_closed', 'This chat has ended.');
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return fail(413, 'too_large', 'Images are at most 5 MB.');
  const bytes = await readLimited(request, MAX_UPLOAD_BYTES);
  if (!bytes) return fail(413, 'too_large', 'Images are at most 5 MB.');
  const type = sniffImage(bytes);
  if (!type) return fail(415, 'unsupported_type', 'Only PNG, JPEG, WebP and GIF images can be sent.');

  const id = crypto.randomUUID();
  const meta: UploadMeta = { type, size: bytes.length, chunks: Math.ceil(bytes.length / CHUNK) };
  const size = imageSize(type, bytes);
  if (size && size.width > 0 && size.height > 0) Object.assign(meta, size);
  for (let i = 0; i < meta.chunks; i++) await storage.put(`u:${id}:${i}`, bytes.slice(i * CHUNK, (i + 1) * CHUNK));
  await storage.put(`u:${id}`, meta);
  const body: Attachment & { id: string } = { id, type: 'image', url: `${url.origin}/parties/ticket/${ctx.ticketId}/uploads/${id}` };
  if (meta.width) body.width = meta.width;
  if (meta.height) body.height = meta.height;
  return json(201, body);
}

async function serveUpload(storage: KVStorage, id: string): Promise<Response> {
  const meta = /^[0-9a-f-]{36}$/.test(id) ? await storage.get<UploadMeta>(`u:${id}`) : undefined;
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

async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
