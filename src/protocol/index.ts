/** `customer-hub-chat/protocol.js`: the wire contract's schemas and types, and the frame codec. */
export * from './frames.js';
export * from './codec.js';
export * from './context.js';
export type { Infer, Schema, Result, Issue } from './schema.js';
