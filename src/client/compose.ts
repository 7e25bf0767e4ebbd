/** A message typed by either side, checked and given its own clientId, before it joins an outbox. */
import { MAX_BODY_CHARS, type Attachment } from '../protocol/index.js';
import { newClientId } from './client-id.js';
import type { OutboxEntry } from './outbox.js';
import { chatError, type ChatError } from './errors.js';

export type Composed = Omit<OutboxEntry, 'ticketId' | 'customerId'>;

/** The message to send; null for nothing to send; an error for a message too long. */
export function compose(text: string, attachments: Attachment[]): Composed | ChatError | null {
  const body = text.trim();
  if (!body && !attachments.length) return null;
  if (body.length > MAX_BODY_CHARS) return chatError('too_large');
  const composed: Composed = { clientId: newClientId(), body, createdAt: Date.now() };
  if (attachments.length) composed.attachments = attachments;
  return composed;
}

export const isComposed = (c: Composed | ChatError): c is Composed => 'clientId' in c;
