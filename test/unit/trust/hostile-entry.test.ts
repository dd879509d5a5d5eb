// Trust: hostile messages through the worker's real entry (src/background/index.ts) and its
// chrome.runtime.onMessage listener, as the browser delivers them: every message in our envelope
// gets an answer (a caller never waits for ever), every other message is left alone, and the
// worker never fetches because a page asked.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deliver, dropEntryTimersAfterFile, FAKE_EXTENSION_ID, installFakeChrome } from '../background/fake-chrome';
import { hostileValue, mutated, PROTOTYPE_KEYS, prototypeSnapshot } from '../../trust/hostile-values';

const RUNS = 600;
const contentSender = { id: FAKE_EXTENSION_ID, url: 'https://evil.example/', tab: { id: 3 } as chrome.tabs.Tab, frameId: 0 };

afterAll(() => vi.unstubAllGlobals());
dropEntryTimersAfterFile();

describe('the worker entry under hostile messages', () => {
  it(`answers every Advocate message and ignores the rest (${RUNS} messages)`, async () => {
    vi.resetModules();
    const { chrome } = installFakeChrome();
    const fetch = vi.fn(async () => new Response('{}', { status: 503 }));
    vi.stubGlobal('fetch', fetch);
    await import('../../../src/background/index');
    const protos = prototypeSnapshot();
    const tally = { messages: 0, answered: 0, ignored: 0, violations: 0 };
    const message = fc.oneof(
      fc.record({ advocate: fc.constant(1), name: fc.oneof(fc.constantFrom('page.detected', 'vendors.enrol', 'data.import', ...PROTOTYPE_KEYS), hostileValue), payload: fc.oneof(mutated({ url: 'https://evil.example/', signals: {} }), hostileValue) }),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        tally.messages++;
        const ours = typeof m === 'object' && m !== null && (m as { advocate?: unknown }).advocate === 1;
        const { returned, response } = await deliver(chrome, m, contentSender);
        const ok = ours ? returned === true && typeof (response as { ok?: unknown })?.ok === 'boolean' : returned === false;
        if (ours) tally.answered++;
        else tally.ignored++;
        if (!ok) tally.violations++;
        return ok;
      }),
      { numRuns: RUNS, examples: [[{ advocate: 1, name: 1n, payload: {} }]] },
    );
    console.log(`hostile messages (worker entry): ${tally.messages} messages tried, ${tally.answered} answered, ${tally.ignored} ignored; fetches: ${fetch.mock.calls.length}; violations found: ${tally.violations}`);
    expect(tally.violations).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
    expect(prototypeSnapshot()).toBe(protos);
    // Positive control: the same listener still serves our popup.
    const popup = { id: FAKE_EXTENSION_ID, url: `chrome-extension://${FAKE_EXTENSION_ID}/src/popup/index.html` };
    expect((await deliver(chrome, { advocate: 1, name: 'settings.get', payload: {} }, popup)).response).toMatchObject({ ok: true });
  }, 60_000);
});
