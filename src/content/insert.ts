// Puts the text the practitioner chose to insert (a referral link with its disclosure) at the
// caret of their own reply box, and nowhere else; copies it when the box will not take it.

export type Editable = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

/** The reply box a node belongs to, or null (an iframe's editor is out of reach: null too). */
export function editableOf(node: EventTarget | Element | null): Editable | null {
  if (node instanceof HTMLTextAreaElement) return node;
  if (node instanceof HTMLInputElement && node.type === 'text') return node;
  if (node instanceof HTMLElement && node.isContentEditable) return (node.closest('[contenteditable=""],[contenteditable="true"]') as HTMLElement | null) ?? node;
  return null;
}

/** The focused reply box; editors inside shadow roots (GitHub's, some composers) keep focus one level down. */
export function focusedEditable(doc: Document): Editable | null {
  let node = doc.activeElement;
  while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
  return editableOf(node);
}

export const isRich = (field: Editable) => !(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement);

/** What the practitioner has written so far. */
export const textOf = (field: Editable) => (isRich(field) ? (field.textContent ?? '') : (field as HTMLTextAreaElement).value);

/** Where the caret was when the preview opened, to insert there after the practitioner's click elsewhere. */
export interface Caret {
  restore(): void;
}

export function caretOf(field: Editable): Caret {
  if (!isRich(field)) {
    const f = field as HTMLTextAreaElement;
    const [start, end] = [f.selectionStart ?? f.value.length, f.selectionEnd ?? f.value.length];
    return { restore: () => f.setSelectionRange(start, end) };
  }
  const selection = field.ownerDocument.getSelection();
  const range = selection && selection.rangeCount > 0 && field.contains(selection.getRangeAt(0).startContainer) ? selection.getRangeAt(0).cloneRange() : null;
  return {
    restore() {
      if (!range) return;
      selection!.removeAllRanges();
      selection!.addRange(range);
    },
  };
}

/**
 * Inserts at the caret; true only when the text is really in the box afterwards. execCommand
 * keeps the editor's undo history and fires the input events framework-driven editors (React,
 * Ember, Lexical) listen to; setRangeText is the fallback for a plain box.
 */
export function insertAt(field: Editable, caret: Caret, text: string): boolean {
  field.focus();
  caret.restore();
  const before = textOf(field);
  if (!field.ownerDocument.execCommand('insertText', false, text) && !isRich(field)) {
    const f = field as HTMLTextAreaElement;
    f.setRangeText(text, f.selectionStart ?? f.value.length, f.selectionEnd ?? f.value.length, 'end');
    f.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const after = textOf(field);
  return after !== before && after.replace(/\s+/g, ' ').includes(text.replace(/\s+/g, ' ').slice(0, 200));
}

/** Copies `text` (a button click's user activation is still fresh); false when the browser refuses. */
export async function copy(text: string, scratch: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    scratch.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}
