// The state of one answer from the worker, for rendering: loading, ok or failed with its message.
import type { CommandError, Result } from '../core/messages';

export type Remote<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: CommandError };

export const LOADING = { state: 'loading' } as const;

export function fromResult<T>(result: Result<T>): Remote<T> {
  return result.ok ? { state: 'ok', value: result.value } : { state: 'error', error: result.error };
}
