// A typed client over any sendMessage. Pages pass webextension-polyfill's
// `browser.runtime.sendMessage`; the content script passes `chrome.runtime.sendMessage`
// (or Firefox's `browser.runtime.sendMessage`) directly, without the polyfill. The command map
// `M` comes from the worker's registry (types only), so a caller names only commands it may send.
import type { Say } from '../say';
import type { CommandMessage, CommandTypes, Result } from './envelope';

export type Transport = (message: unknown) => Promise<unknown>;

type PayloadArgs<P> = {} extends P ? [payload?: P] : [payload: P];

export type SendCommand<M extends CommandTypes> = <K extends keyof M & string>(name: K, ...payload: PayloadArgs<M[K]['payload']>) => Promise<Result<M[K]['response']>>;

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}

/** Never rejects: a dead worker or a missing answer becomes `{ ok: false }` like any other error, worded by `say`. */
export function createCommandClient<M extends CommandTypes>(send: Transport, say: Say): SendCommand<M> {
  return (async (name: string, payload?: unknown) => {
    const message: CommandMessage = { advocate: 1, name, payload: payload ?? {} };
    try {
      const answer = await send(message);
      if (isResult(answer)) return answer;
      return { ok: false, error: { code: 'no-answer', message: say('extensionNoAnswer') } };
    } catch (error) {
      return { ok: false, error: { code: 'unreachable', message: say('extensionUnreachable', error instanceof Error ? error.message : String(error)) } };
    }
  }) as SendCommand<M>;
}
