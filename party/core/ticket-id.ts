/**
 * Ticket ids the Worker can check without touching storage (issue 12): a random uuid and
 * an HMAC of it under `CHAT_SECRET`. A made-up id is refused before any Durable Object
 * is created for it, so strangers cannot fill the disk with empty ticket rooms.
 */
import { hmacSha256, toHex } from './crypto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** 96 bits of MAC: forging one id takes 2^95 tries on average. */
const MAC_HEX = 24;

const macOf = async (secret: string, uuid: string): Promise<string> => toHex(await hmacSha256(secret, `ticket:${uuid}`)).slice(0, MAC_HEX);

/** A new unforgeable ticket id: `<uuid>.<mac>`. */
export async function signedTicketId(secret: string, uuid: string = crypto.randomUUID()): Promise<string> {
  return `${uuid}.${await macOf(secret, uuid)}`;
}

/** Whether this server made `id` (a constant-time comparison of the MAC). */
export async function isTicketId(secret: string, id: string): Promise<boolean> {
  const dot = id.indexOf('.');
  const uuid = id.slice(0, dot);
  const mac = id.slice(dot + 1);
  if (dot !== 36 || !UUID.test(uuid) || mac.length !== MAC_HEX) return false;
  const expected = await macOf(secret, uuid);
  let diff = 0;
  for (let i = 0; i < MAC_HEX; i++) diff |= expected.charCodeAt(i) ^ mac.charCodeAt(i);
  return diff === 0;
}
