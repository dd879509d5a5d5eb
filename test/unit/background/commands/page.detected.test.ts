import { describe, expect, it, vi } from 'vitest';
import { matchDetection } from '../../../../src/background/pages';
import { offerFor } from '../../../../src/background/suggestions';
import { fillWords, PAGE_WORDS } from '../../../../src/content/words';
import { detectPage } from '../../../../src/core/detect';
import type { SuggestionView } from '../../../../src/core/messages/views';
import { withEnglishMessages } from '../../../messages';
import { contentScript, enrolledWorker, makeWorker, OPTIONS, POPUP, REPO_URL, value } from '../world';

describe('page.detected', () => {
  withEnglishMessages();

  it('matches locally, remembers the page for its tab, and tells the page only the enrolled vendor’s offer', async () => {
    const world = await enrolledWorker();
    const view = value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
    expect(view).toEqual({
      suggestion: { productId: 'mysql', productName: 'MySQL', vendorName: 'Acme Data', offerName: 'MySQL Enterprise', adds: 'Adds 24x7 support and backups.', host: 'github.com', certification: { level: 'professional', validUntil: 'Jan 1, 2027' } }, // the last day as the browser's language writes it
      inPage: true,
      reply: 'github',
      words: expect.objectContaining({ cardTitle: 'Recommend $1' }), // the page's wording, its substitutions left as $1…
    });
    // No other vendor, no secret, no catalog beyond the one offer.
    const text = JSON.stringify(view);
    for (const absent of [world.vendor.token!, world.enrolment.referralSecret, 'Oracle', 'commission']) expect(text).not.toContain(absent);
    expect(world.session.data.get('tab:9')).toEqual({ url: REPO_URL, detection: detectPage(REPO_URL) }); // the worker's own detection
  });

  it('sets the tab’s toolbar title and icon to the offer; another tab says nothing matches', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
    expect(world.toolbar.titles.get(9)).toBe('Advocate: recommend MySQL Enterprise');
    expect(world.toolbar.icons.get(9)?.['16']).toBe('icons/icon-match-16.png');
    const blog = 'https://github.com/some/unknown-thing';
    value(await world.send('page.detected', { url: blog, signals: {} }, contentScript(blog, 10)));
    expect(world.toolbar.titles.get(10)).toBe('Advocate: nothing here matches your vendors’ products');
    expect(world.toolbar.icons.get(10)?.['16']).toBe('icons/icon-16.png');
  });

  it('sends the wording of what the page will show, its substitutions left for the page to fill', async () => {
    const world = await enrolledWorker();
    // Like the browser's getMessage: messages.json's $1 replaced by the substitutions given.
    const messages: Record<string, string> = { cardTitle: 'Recommend $1', cardCertified: 'You are certified for $1: $2', cardCertifiedUntil: 'You are certified for $1: $2, until $3', cardOpen: 'Open' };
    const getMessage = vi.fn((key: string, subs: string[]) => (messages[key] ?? '').replace(/\$([1-9])/g, (_, n: string) => subs[Number(n) - 1] ?? ''));
    vi.stubGlobal('chrome', { i18n: { getMessage } });
    try {
      const view = value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
      expect(view.words).toEqual(messages); // keys the locale lacks are left out (the page looks them up itself)
      expect(fillWords(view.words!.cardCertified!, ['MySQL', 'professional'])).toBe('You are certified for MySQL: professional');
      expect(fillWords(view.words!.cardCertifiedUntil!, ['MySQL', 'professional', 'Jan 1, 2027'])).toBe('You are certified for MySQL: professional, until Jan 1, 2027');
      expect(fillWords(view.words!.cardTitle!, ['$2 off'])).toBe('Recommend $2 off'); // a substitution is not read again
      // Each page word asked once (the browser is also asked other things meanwhile: the level, the date's language, any sync's words).
      const pageWords = new Set<string>(PAGE_WORDS);
      expect(getMessage.mock.calls.map(([key]) => key).filter((key) => pageWords.has(key))).toEqual([...PAGE_WORDS]);
      // Toolbar only: nothing is shown in the page, so no wording is sent.
      value(await world.send('settings.set', { inPage: false }, POPUP));
      expect(value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9))).words).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a page may only report its own address', async () => {
    const { send, session } = makeWorker();
    const result = await send('page.detected', { url: 'https://other.example/', signals: {} }, contentScript(REPO_URL));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(session.data.size).toBe(0);
  });

  it('without enrolment the page hears of nothing (the popup still sees starter matches)', async () => {
    const world = makeWorker();
    const content = value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL)));
    expect(content).toEqual({ suggestion: null, inPage: true, reply: null });
    const popup = value<{ match: { products: { productId: string }[] } } | null>(await world.send('page.forTab', { tabId: 7 }));
    expect(popup?.match.products.map((p) => p.productId)).toContain('mysql');
  });

  it('gives the page nothing when paused, on a muted site, for a muted or dismissed product, or on the vendor’s own site', async () => {
    const cases: [string, Record<string, unknown>, string?][] = [
      ['paused', { suggestionsEnabled: false }],
      ['muted site', { mutedHosts: ['GitHub.com'] }],
      ['muted product', { mutedProducts: ['mysql'] }],
      ['dismissed here', { dismissed: ['mysql@github.com'] }],
    ];
    for (const [what, patch] of cases) {
      const world = await enrolledWorker();
      value(await world.send('settings.set', patch, OPTIONS));
      const view = value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL)));
      expect(view.suggestion, what).toBeNull();
    }
    // Positive control and the vendor's own pages: the same product on acme.example.com is not offered.
    const world = await enrolledWorker();
    expect(value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL))).suggestion).not.toBeNull();
    const mysql = await matchDetection(world.services, detectPage(REPO_URL));
    expect(await offerFor(world.services, mysql, REPO_URL)).not.toBeNull();
    expect(await offerFor(world.services, mysql, 'https://docs.acme.example.com/mysql')).toBeNull();
  });

  it('a dismissal elsewhere does not hide the product here, and toolbar-only keeps the page empty of UI', async () => {
    const world = await enrolledWorker();
    value(await world.send('settings.set', { dismissed: ['mysql@gitlab.com'], inPage: false }, POPUP));
    const view = value<SuggestionView>(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL)));
    expect(view.suggestion?.productId).toBe('mysql');
    expect(view.inPage).toBe(false);
  });
});
