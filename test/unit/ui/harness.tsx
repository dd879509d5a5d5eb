// Shared by the popup, options and ui component tests: the messages (test/messages.ts) behind a
// fake chrome.i18n, a scripted UiEnv that records every command, and DOM helpers.
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { CommandName, CommandPayload as Payload, CommandResponse as Response } from '../../../src/background/commands';
import type { CommandError, Result } from '../../../src/core/messages';
import type { ActiveTab, UiEnv } from '../../../src/ui/env';
import { EnvContext } from '../../../src/ui/env';

export { de, en, getMessage, installI18n, MESSAGES, removeI18n, withEnglishMessages } from '../../messages';

type Handler<K extends CommandName> = (payload: Payload<K>) => Response<K> | Result<Response<K>> | Promise<Result<Response<K>>>;
export type Handlers = { [K in CommandName]?: Handler<K> };

export interface FakeEnv extends UiEnv {
  calls: { name: CommandName; payload: unknown }[];
  callsTo(name: CommandName): unknown[];
  permissionRequests: string[][];
  optionsOpened: number;
  setOnline(online: boolean): void;
}

export const fail = (message: string, code = 'internal'): Result<never> => ({ ok: false, error: { code, message } satisfies CommandError });

/** A UiEnv whose worker answers from `handlers`; a command without a handler answers ok:false. */
export function fakeEnv(handlers: Handlers, opts: { tab?: ActiveTab | null; online?: boolean; grant?: boolean } = {}): FakeEnv {
  let online = opts.online ?? true;
  const listeners = new Set<() => void>();
  const env: FakeEnv = {
    calls: [],
    callsTo: (name) => env.calls.filter((c) => c.name === name).map((c) => c.payload),
    permissionRequests: [],
    optionsOpened: 0,
    send: (async (name: CommandName, payload?: unknown) => {
      env.calls.push({ name, payload });
      const handler = handlers[name] as ((p: unknown) => unknown) | undefined;
      if (!handler) return fail(`no handler for ${name}`, 'unknown-command');
      const answer = await handler(payload ?? {});
      if (answer && typeof answer === 'object' && 'ok' in answer && (answer.ok === true || answer.ok === false)) return answer;
      return { ok: true, value: answer };
    }) as UiEnv['send'],
    activeTab: async () => (opts.tab === undefined ? { id: 7, url: 'https://github.com/acme/widgetdb/issues/12' } : opts.tab),
    openOptionsPage: () => void env.optionsOpened++,
    requestOrigins: (origins) => {
      env.permissionRequests.push(origins);
      return Promise.resolve(opts.grant ?? true);
    },
    isOnline: () => online,
    onOnlineChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOnline(next) {
      online = next;
      for (const l of listeners) l();
    },
  };
  return env;
}

export interface Mounted {
  container: HTMLElement;
  text(): string;
  unmount(): void;
}

export async function mount(env: UiEnv, children: ComponentChildren): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    render(<EnvContext.Provider value={env}>{children}</EnvContext.Provider>, container);
  });
  return {
    container,
    text: () => container.textContent ?? '',
    unmount: () => {
      render(null, container);
      container.remove();
    },
  };
}

/** Lets pending promises (fake worker answers) settle and Preact re-render. */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('click: no element');
  await act(() => {
    (el as HTMLElement).click();
  });
  await settle();
}

export async function type(el: Element | null | undefined, value: string): Promise<void> {
  if (!el) throw new Error('type: no element');
  await act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(el: Element | null | undefined, value: string): Promise<void> {
  if (!el) throw new Error('choose: no element');
  await act(() => {
    (el as HTMLSelectElement).value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function submit(form: Element | null | undefined): Promise<void> {
  if (!form) throw new Error('submit: no form');
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

/** The button whose visible text is exactly `label`. */
export function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}" among: ${[...root.querySelectorAll('button')].map((b) => b.textContent?.trim()).join(' | ')}`);
  return found;
}
