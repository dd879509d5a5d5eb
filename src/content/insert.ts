// Inserts text the practitioner asked for (a referral link with its disclosure) into the reply
// box they are typing in. Called only after their click on our context-menu entry.

type Editable = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

function focusedEditable(doc: Document): Editable | null {
  let el = doc.activeElement as Element | null;
  // Editors inside shadow roots (GitHub's, some Discourse composers) keep focus one level down.
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && el.type === 'text') return el;
  if (el instanceof HTMLElement && el.isContentEditable) return el;
  return null;
}

/** Returns false when no reply box has focus, so the caller can fall back to the clipboard. */
export function insertIntoFocusedField(doc: Document, text: string): boolean {
  const field = focusedEditable(doc);
  if (!field) return false;
  // execCommand keeps the editor's undo history and fires the input events that
  // framework-driven editors (React, Ember) listen to; setRangeText is the fallback.
  if (doc.execCommand?.('insertText', false, text)) return true;
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }
  return false;
}
