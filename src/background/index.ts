// Service worker entry. Listeners are registered synchronously at top level so a worker
// woken by an event sees its listener.
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  sendResponse({ ok: false, error: `unknown message ${JSON.stringify(message?.type)}` });
  return false;
});
