export * from './frames.js';
export * from './codec.js';
export type { Infer, Schema, Result, Issue } from './schema.js';
