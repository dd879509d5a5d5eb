// One-click copy. HTML goes to the clipboard as text/html (rich paste in mail and docs) with
// its plain-text twin, when the browser has ClipboardItem; otherwise as the HTML source.

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export async function copyHtml(html: string, plainText: string): Promise<void> {
  const Item = (globalThis as { ClipboardItem?: typeof ClipboardItem }).ClipboardItem;
  if (Item && typeof navigator.clipboard.write === 'function') {
    try {
      await navigator.clipboard.write([
        new Item({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([plainText], { type: 'text/plain' }),
        }),
      ]);
      return;
    } catch {
      // Some browsers refuse text/html; the source as text is still useful.
    }
  }
  await navigator.clipboard.writeText(html);
}
