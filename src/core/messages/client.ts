// A typed client over any sendMessage. Pages pass webextension-polyfill's
// `browser.runtime.sendMessage`; the content script passes `chrome.runtime.sendMessage`
// (or Firefox's `browser.runtime.sendMessage`) directly, without the polyfill.
import type { CommandMessage, CommandName, Payload, Result, Response } from './commands';

export type Transport = (message: unknown) => Promise<unknown>;

export type SendCommand = <K extends CommandName>(name: K, ...payload: {} extends Payload<K> ? [Payload<K>?] : [Payload<K>]) => Promise<Result<Response<K>>>;

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}

/** Never rejects: a dead worker or a missing answer becomes `{ ok: false }` like any other error. */
export function createCommandClient(send: Transport): SendCommand {
  return (async (name: CommandName, payload?: unknown) => {
    const message: CommandMessage = { advocate: 1, name, payload: (payload ?? {}) as never };
    try {
      const answer = await send(message);
      if (isResult(answer)) return answer;
      return { ok: false, error: { code: 'no-answer', message: 'The extension did not answer. Try again in a moment.' } };
    } catch (error) {
      return { ok: false, error: { code: 'unreachable', message: `Could not reach the extension: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }) as SendCommand;
}
