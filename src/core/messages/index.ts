// Light entry: safe for the content script (no valibot). The settings and detection schemas are
// imported from their own files by the worker only.
export * from './envelope';
export * from './client';
export type * from './views';
