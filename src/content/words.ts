// The extension's wording for what it shows in a page, sent by the worker with its answer.
// Why: in Chrome a content script's first i18n.getMessage is a synchronous IPC that fetches the
// whole message bundle; measured at 7–10 ms of blocked main thread per page on this machine,
// the largest part of what a matched page paid. The worker (own process) reads them instead.
// Self-contained (no imports): the worker imports it too.

/** Every message a content script shows; one missing here still works (the slow lookup). */
export const PAGE_WORDS = [
  'cardLabel', 'cardDismiss', 'cardTitle', 'cardCertified', 'cardCertifiedUntil', 'cardOpen', 'cardMuteSite', 'cardMuteProduct',
  'replyButton', 'replyPreparing', 'replyTitle', 'replyClose', 'replyRuleLink', 'replyInsert', 'replyLinkOnly',
  'replyCopied', 'replyCopyFailed', 'replyCancel', 'extensionNoAnswer', 'extensionUnreachable',
] as const;

const MARKS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/**
 * Each message with its substitutions left as `$1`…`$9` (named placeholders resolve to those),
 * from the browser's getMessage; messages the locale lacks are left out.
 */
export function wordTemplates(getMessage: (key: string, subs: string[]) => string): Record<string, string> {
  const words: Record<string, string> = {};
  for (const key of PAGE_WORDS) {
    const text = getMessage(key, MARKS);
    if (text) words[key] = text;
  }
  return words;
}

/** A template with its `$n` replaced by the n-th substitution, in one pass (a substitution is never re-read). */
export const fillWords = (template: string, subs: readonly string[]): string => template.replace(/\$([1-9])/g, (_, n: string) => subs[Number(n) - 1] ?? '');
