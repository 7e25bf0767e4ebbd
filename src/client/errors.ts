/**
 * What the headless clients report when something fails: a code from a closed set (the
 * protocol's frame and HTTP codes and the transport's own), which views translate, and
 * the server's text when it gave one (for logs; the client's own errors carry their code).
 */
import type { FrameErrorCode } from '../protocol/index.js';
import { TransportError, type TransportErrorCode } from '../transports/types.js';

export type ChatErrorCode = FrameErrorCode | TransportErrorCode | 'unknown';

export interface ChatError {
  code: ChatErrorCode;
  /** The server's words, or the code itself: show the code's translation, not this. */
  message: string;
}

/** An error the client itself raises. */
export const chatError = (code: ChatErrorCode): ChatError => ({ code, message: code });

/** Any failure (a transport's, or anything thrown) as a `ChatError`. */
export function toChatError(err: unknown): ChatError {
  return err instanceof TransportError ? { code: err.code, message: err.message } : { code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}
