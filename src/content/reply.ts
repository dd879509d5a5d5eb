// The reply-box button and the preview it opens (the context menu's "Insert a referral link"
// opens the same preview). The preview shows exactly what would be inserted and the
// community's rule on self-promotion; only its Insert button stores the referral and types it
// at the caret; where the box will not take it, it is copied instead, and the preview says so.
import type { ContentCommands } from '../background/commands';
import type { SendCommand } from '../core/messages/client';
import type { ReplySite } from '../core/referral/community-rules';
import { ownTextLength } from '../core/referral/community-rules';
import { caretOf, copy, editableOf, type Editable, focusedEditable, insertAt, isRich, textOf } from './insert';
import { button, el, layer, place, say, type Layer } from './ui';

/** The reply boxes of each site, as their markup names them (see test/fixtures/pages for the dated markup). */
const REPLY_BOXES: Record<ReplySite, string> = {
  github: 'textarea[name="comment[body]"],textarea.js-comment-field,textarea[aria-label="Markdown value"],textarea[name="discussion[body]"]',
  stackexchange: 'textarea#wmd-input,textarea.wmd-input',
  discourse: 'textarea.d-editor-input',
  reddit: 'textarea[name="text"],shreddit-composer [contenteditable="true"],[role="textbox"][contenteditable="true"]',
};

type Send = SendCommand<ContentCommands>;

/** Opens the preview for `field` (or, for an editor the content script cannot reach, for `anchor`: it will copy). */
export function openPreview(send: Send, field: Editable | null, anchor: Element, signal: AbortSignal): void {
  const caret = field && caretOf(field);
  const note = el('p', { class: 'n', role: 'status' });
  const text = el('pre', {}, say('replyPreparing'));
  const rule = el('div', { class: 'rule' });
  const actions = el('div', { class: 'r' });
  const preview = layer('dialog', say('replyTitle'), signal, el('div', { class: 'h' }, say('replyTitle')), text, rule, note, actions);
  const close = () => preview.remove();
  preview.host.style.width = `${Math.min(440, innerWidth - 16)}px`;
  // Below the reply box where it fits, else above it; again once its text has come (it grew).
  const put = () => {
    const box = anchor.getBoundingClientRect();
    const { height } = preview.host.getBoundingClientRect();
    place(preview, box.left, box.bottom + height + 14 <= innerHeight ? box.bottom + 6 : box.top - height - 6);
  };
  put();

  void send('reply.prepare', { rich: field ? isRich(field) : true, url: location.href }).then((answer) => {
    if (!answer.ok) {
      text.textContent = answer.error.message;
      actions.append(button(say('replyClose'), close));
      return put();
    }
    const draft = answer.value;
    text.textContent = draft.text;
    rule.append(el('p', {}, `${draft.rule.name}: ${draft.rule.rule} `, el('a', { href: draft.rule.source, target: '_blank', rel: 'noopener noreferrer' }, say('replyRuleLink'))));
    const insert = button(say('replyInsert'), async () => {
      if (field && draft.rule.linkOnly === 'refuse' && ownTextLength(textOf(field)) < draft.rule.minOwnText) {
        note.textContent = say('replyLinkOnly', draft.rule.name);
        return;
      }
      insert.disabled = true;
      const stored = await send('reply.insert', { draftId: draft.draftId, url: location.href });
      if (!stored.ok) {
        note.textContent = stored.error.message;
        return;
      }
      // At the caret as it is now if the box still has focus (the buttons never take it), else where it was.
      const at = field && (focusedEditable(document) === field ? caretOf(field) : caret);
      if (field && at && insertAt(field, at, stored.value.text)) return close();
      note.textContent = (await copy(stored.value.text, preview.box))
        ? say('replyCopied')
        : say('replyCopyFailed');
      actions.replaceChildren(button(say('replyClose'), close));
    }, { class: 'p' });
    actions.append(insert, button(say('replyCancel'), close));
    put();
  });
}

/** Shows the button on the site's reply boxes while one has focus, for as long as the page lasts. */
export function watchReplyBoxes(site: ReplySite, send: Send, signal: AbortSignal): void {
  let shown: { field: Editable; layer: Layer } | null = null;
  const hide = () => {
    shown?.layer.remove();
    shown = null;
  };
  const follow = () => {
    if (!shown) return;
    const r = shown.field.getBoundingClientRect();
    const { width, height } = shown.layer.host.getBoundingClientRect();
    place(shown.layer, r.right - width - 6, r.bottom - height - 6);
  };
  const on = (target: EventTarget, type: string, listener: (e: Event) => void) => target.addEventListener(type, listener, { capture: true, passive: true, signal });

  on(document, 'focusin', (e) => {
    const field = editableOf(e.composedPath()[0] ?? null);
    const box = field?.closest(REPLY_BOXES[site]);
    if (!field || !box || shown?.field === field) return;
    hide();
    const open = button(say('replyButton'), () => openPreview(send, field, field, signal), { class: 'p' });
    const l = layer('complementary', say('replyButton'), signal, open);
    l.box.style.padding = '2px';
    shown = { field, layer: l };
    follow();
  });
  on(document, 'focusout', (e) => {
    if (shown && (e as FocusEvent).relatedTarget !== shown.layer.host) hide();
  });
  on(window, 'scroll', follow);
  on(window, 'resize', follow);
}
