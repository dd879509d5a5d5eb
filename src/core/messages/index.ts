// Light entry: safe for the content script (no valibot). The settings and detection schemas are
// imported from their own files by the worker only.
export * from './envelope';
export * from './client';
export * from './catalog-hosts';
export type * from './views';
