/**
 * `customer-hub-chat/testing.js`: what an integrator's tests need to run the widget or
 * a `ChatClient` with no server: the reference server's domain core in memory
 * (`MemoryBackend`) and the transport over it. It carries server code and needs `jose`
 * (an optional peer dependency); the widget's entries never import this file.
 * `MemoryBackend`'s options, `fetch` and `connect` are the testing contract; the rest
 * of it (`shop()`, `ticket()`) exposes the server's internals for white-box tests and
 * may change with them.
 */
export { MemoryBackend } from '../party/memory/memory-backend.js';
export type { MemoryBackendOptions, MemoryConnection } from '../party/memory/memory-backend.js';
export type { ServerEnv } from '../party/core/env.js';
export type { Settings } from '../party/core/settings.js';
export { MemoryTransport, createMemoryTransport } from './transports/memory.js';
export type { MemoryTransportOptions, MemoryTicketConnection } from './transports/memory.js';
export { transportConformance } from './transports/conformance.js';
export type { ConformanceCheck, ConformanceOptions } from './transports/conformance.js';
