// Everything Advocate shows in a page lives in a closed shadow root on one element of its own,
// fixed-positioned on <html>: the page cannot reach into it, its styles do not leak either way,
// and it takes no room in the page's layout (nothing moves). Elements are built from text
// nodes only (no innerHTML), and all their text comes from the worker or the extension's
// own messages, never from the page.

import { fillWords } from './words';

export type Children = (Node | string | null | false | undefined)[];

/** `<tag class=…>` with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Children): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A button that answers only to the practitioner's own clicks and keeps the page's focus (and caret) where it is. */
export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', (e) => {
    if (e.isTrusted) onClick();
  });
  return b;
}

// Chrome's MV3 `chrome.*` returns promises; Firefox has `browser`. No polyfill here (size).
declare const browser: typeof chrome | undefined;
/** Looked up when first needed: touching `chrome` makes the API bindings, which costs the page. */
export const ext = (): typeof chrome => (typeof browser !== 'undefined' ? browser : chrome);

let words: Readonly<Record<string, string>> = {};

/** The wording the worker sent with its answer (./words.ts: it spares the page a blocking lookup). */
export function useWords(sent: Readonly<Record<string, string>> | undefined): void {
  words = sent ?? {};
}

/** The extension's own wording (public/_locales/<lang>/messages.json). */
export const say = (key: string, ...subs: string[]): string => {
  const template = Object.hasOwn(words, key) ? words[key] : undefined;
  return template ? fillWords(template, subs) : ext().i18n.getMessage(key, subs);
};

const CSS = `:host{all:initial}
.a{font:13px/1.4 sans-serif;color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:10px 12px;box-sizing:border-box}
.a.dark{color:#e6edf3;background:#161b22;border-color:#3d444d;box-shadow:0 6px 24px rgba(0,0,0,.6)}
.h{display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:11px;text-transform:uppercase;letter-spacing:.04em;opacity:.75}
p{margin:4px 0}strong{font-size:14px}
pre{white-space:pre-wrap;word-break:break-word;font:12px/1.45 monospace;background:rgba(127,127,127,.12);border-radius:6px;padding:8px;margin:6px 0;max-height:180px;overflow:auto}
.r{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid currentColor;background:transparent;color:inherit;padding:4px 10px}
button.p{background:#0f766e;border-color:#0f766e;color:#fff}
button.x{border:0;padding:0 4px;font-size:16px;line-height:1}
button.l{border:0;padding:4px 2px;text-decoration:underline}
button:focus-visible,a:focus-visible{outline:2px solid #0f766e;outline-offset:2px}
a{color:inherit}.rule{font-size:12px;border-left:3px solid #f59e0b;padding-left:8px;margin:6px 0}
.n{font-size:12px;font-weight:600}.dark button.p{background:#14b8a6;border-color:#14b8a6;color:#04201d}`;

/** Whether the page shows a dark background (its own theme, not only the system's). */
export function pageIsDark(): boolean {
  for (const node of [document.body, document.documentElement]) {
    if (!node) continue;
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(node).backgroundColor);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) return 0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3]) < 110;
  }
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

export interface Layer {
  host: HTMLElement;
  box: HTMLElement;
  remove(): void;
}

/** A fixed layer on <html> holding `content`, gone when `signal` aborts (the page changed). */
export function layer(role: 'dialog' | 'complementary', label: string, signal: AbortSignal, ...content: Children): Layer {
  const host = document.createElement('div');
  host.style.cssText = 'all:initial;position:fixed;z-index:2147483647;visibility:hidden;top:0;left:0';
  const root = host.attachShadow({ mode: 'closed' });
  const box = el('div', { class: pageIsDark() ? 'a dark' : 'a', role, 'aria-label': label }, ...content);
  root.append(el('style', {}, CSS), box);
  document.documentElement.append(host);
  const remove = () => host.remove();
  signal.addEventListener('abort', remove, { once: true });
  return { host, box, remove };
}

/** Places the layer at viewport coordinates and shows it. */
export function place(l: Layer, left: number, top: number): void {
  const { width, height } = l.host.getBoundingClientRect();
  const x = Math.max(8, Math.min(left, innerWidth - width - 8));
  const y = Math.max(8, Math.min(top, innerHeight - height - 8));
  l.host.style.left = `${x}px`;
  l.host.style.top = `${y}px`;
  l.host.style.visibility = 'visible';
}
