// Light entry: safe for the content script (no valibot). Schemas: './schemas'.
export * from './commands';
export * from './client';
export type * from './views';
