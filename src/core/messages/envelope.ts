// The envelope every command travels in: `{ advocate: 1, name, payload }` → `{ ok, value | error }`.
// Light on purpose (no valibot): the content script imports it.

export interface CommandError {
  /** Stable, for code: invalid-payload | forbidden | unknown-command | not-enrolled | storage-full | enrol-failed | internal … */
  code: string;
  /** A sentence for the practitioner. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** `advocate` tags our messages so stray ones are ignored cheaply. */
export interface CommandMessage {
  advocate: 1;
  name: string;
  payload: unknown;
}

export const isCommandMessage = (message: unknown): message is CommandMessage =>
  typeof message === 'object' && message !== null && (message as { advocate?: unknown }).advocate === 1;

/** What one command takes and answers; the worker's registry (src/background/commands) derives the map. */
export interface CommandType {
  payload: unknown;
  response: unknown;
}
export type CommandTypes = Record<string, CommandType>;
