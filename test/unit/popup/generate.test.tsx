// @vitest-environment happy-dom
import { encode } from 'uqr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import { credential, EMPTY_ACTIVITY, referral, SETTINGS, SHARE, vendor, WIDGETDB_MATCH, WIDGETDB_WITH_UNPAID } from '../ui/fixtures';
import { button, choose, click, en, fail, fakeEnv, installI18n, mount, settle, submit, type, type Handlers, type Mounted } from '../ui/harness';

const ISSUE_URL = 'https://github.com/acme/widgetdb/issues/12';
const LINK = 'https://acme.example/r/ABC123';

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'page.forTab': () => ({ url: ISSUE_URL, match: WIDGETDB_MATCH, access: 'declared' }),
    'vendors.list': () => ({ vendors: [vendor('acme', 'Acme', [credential('valid')]), vendor('globex', 'Globex')], problems: [] }),
    'activity.get': () => EMPTY_ACTIVITY,
    'settings.get': () => SETTINGS,
    'referrals.create': (p) => ({ referral: referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a03', 'pending', { ...p, link: LINK } as never), link: LINK, share: SHARE }),
    ...overrides,
  };
}

let view: Mounted;
const clipboard = { writeText: vi.fn(async (_: string) => {}), write: vi.fn(async (_: unknown[]) => {}) };

class FakeClipboardItem {
  constructor(readonly items: Record<string, Blob>) {}
}

beforeEach(() => {
  installI18n();
  clipboard.writeText.mockClear();
  clipboard.write.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  (globalThis as { ClipboardItem?: unknown }).ClipboardItem = FakeClipboardItem;
});
afterEach(() => view?.unmount());

async function openAndCreate(h: Handlers = handlers()) {
  const env = fakeEnv(h);
  view = await mount(env, <Popup />);
  await settle();
  await submit(view.container.querySelector('.generate form'));
  return env;
}

describe('generate', () => {
  it('creates a referral for the chosen offer, channel from the page, host-only page URL by default', async () => {
    const env = fakeEnv(handlers());
    view = await mount(env, <Popup />);
    await settle();
    expect(view.container.querySelector<HTMLSelectElement>('#gen-channel')!.value).toBe('issue-comment');
    expect(view.container.querySelector<HTMLSelectElement>('#gen-page-url')!.value).toBe('host');
    await click(view.container.querySelector(`[aria-label="${en('recommendOfferLabel', 'Managed WidgetDB', 'Globex')}"]`));
    await type(view.container.querySelector('#gen-campaign'), ' pgconf ');
    await choose(view.container.querySelector('#gen-channel'), 'talk');
    await submit(view.container.querySelector('.generate form'));
    expect(env.callsTo('referrals.create')).toEqual([
      { vendorId: 'globex', productId: 'widgetdb', offerId: 'managed', channel: 'talk', campaign: 'pgconf', pageUrl: ISSUE_URL, sharePageUrl: 'host' },
    ]);
    // a new referral refreshes the activity
    expect(env.callsTo('activity.get')).toHaveLength(2);
  });

  it('offers a give-back pledge only when the project takes funding, and sends it with the referral', async () => {
    const plain = fakeEnv(handlers());
    view = await mount(plain, <Popup />);
    await settle();
    expect(view.container.querySelector('.give-back')).toBeNull();
    view.unmount();

    const funded = { ...WIDGETDB_MATCH, products: WIDGETDB_MATCH.products.map((p) => ({ ...p, funding: [{ platform: 'open-collective' as const, url: 'https://opencollective.com/widgetdb' }] })) };
    const env = fakeEnv(handlers({ 'page.forTab': () => ({ url: ISSUE_URL, match: funded, access: 'declared' }) }));
    view = await mount(env, <Popup />);
    await settle();
    await click(view.container.querySelector('.give-back input[type="checkbox"]'));
    await type(view.container.querySelector('#gen-give-back'), '25');
    await submit(view.container.querySelector('.generate form'));
    expect(env.callsTo('referrals.create')[0]).toMatchObject({ giveBack: { url: 'https://opencollective.com/widgetdb', percent: 25 } });
  });

  it('shows the link at once with its disclosure preview in the channel format', async () => {
    await openAndCreate();
    expect(view.container.querySelector<HTMLInputElement>('#share-link')!.value).toBe(LINK);
    expect(view.container.querySelector('.preview')!.textContent).toBe(SHARE.markdown); // issue comment → Markdown
    expect(view.text()).toContain(en('linkSavedOffline'));
  });

  it('brings the new link into view and focuses it (the popup is only 600 px high), with the code grouped for reading aloud', async () => {
    const scrolled: Element[] = [];
    const scroll = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this);
    });
    try {
      await openAndCreate(handlers({ 'referrals.create': (p) => ({ referral: referral('0c3f0c6e-2b8e-4d7a-9a34-6f1d0c1e9a03', 'pending', { ...p, code: '0123456789ABCDEFGHJKMNPQ', link: LINK } as never), link: LINK, share: SHARE }) }));
      expect(document.activeElement?.id).toBe('share-link');
      expect(scrolled.some((el) => el.classList.contains('share'))).toBe(true);
      expect(view.text()).toContain(en('codeLabel', '0123-4567-89AB-CDEF-GHJK-MNPQ'));
      expect(view.container.querySelector<HTMLInputElement>('#share-link')!.value).toBe(LINK); // the link itself is unchanged
    } finally {
      scroll.mockRestore();
    }
  });

  it('"Use this offer" chooses it in the form and moves there, focused on Create link', async () => {
    const env = fakeEnv(handlers());
    view = await mount(env, <Popup />);
    await settle();
    await click(view.container.querySelector(`[aria-label="${en('recommendOfferLabel', 'Managed WidgetDB', 'Globex')}"]`));
    expect(view.container.querySelector<HTMLSelectElement>('#gen-offer')!.value).toBe('globex/widgetdb/managed');
    expect(document.activeElement?.textContent).toBe(en('createLink'));
  });

  it('a vendor with no Advocate programme says so, and shares its plain offer link marked unpaid, sending nothing', async () => {
    const env = fakeEnv(handlers({ 'page.forTab': () => ({ url: ISSUE_URL, match: WIDGETDB_WITH_UNPAID, access: 'declared' }) }));
    view = await mount(env, <Popup />);
    await settle();
    const hooli = view.container.querySelector('.vendor[data-programme="no"]')!;
    expect(hooli.textContent).toContain('Hooli');
    expect(hooli.textContent).toContain(en('noProgramme'));
    expect(hooli.textContent).not.toContain(en('enrolToRecommend', 'Hooli'));
    expect(view.container.querySelector('.vendor[data-programme="yes"]')?.textContent).toContain('Acme');
    await click(view.container.querySelector(`[aria-label="${en('unpaidShareLabel', 'Hooli WidgetDB Cloud', 'Hooli')}"]`));
    expect(view.container.querySelector<HTMLInputElement>('#unpaid-link')!.value).toBe('https://shop.example/cloud');
    expect(view.container.querySelector('.unpaid .preview')!.textContent).toContain('Unpaid link: I earn nothing from it.');
    expect(view.text()).toContain(en('unpaidNothingSent', 'Hooli'));
    await click(button(view.container.querySelector('.unpaid')!, en('copyText')));
    expect(clipboard.writeText).toHaveBeenLastCalledWith('Hooli WidgetDB Cloud by Hooli: https://shop.example/cloud\nUnpaid link: I earn nothing from it.');
    expect(env.callsTo('referrals.create')).toEqual([]);
  });

  it('shows the worker refusal instead of a link', async () => {
    await openAndCreate(handlers({ 'referrals.create': () => fail('Storage is full: free some disk space.', 'storage-full') }));
    expect(view.container.querySelector('#share-link')).toBeNull();
    expect(view.container.querySelector('.generate [role="alert"]')?.textContent).toContain('Storage is full');
  });

  it('copies Markdown, plain text and HTML with one click each', async () => {
    await openAndCreate();
    await click(button(view.container, en('copyMarkdown')));
    expect(clipboard.writeText).toHaveBeenLastCalledWith(SHARE.markdown);
    expect(view.text()).toContain(en('copied_markdown'));
    await click(button(view.container, en('copyText')));
    expect(clipboard.writeText).toHaveBeenLastCalledWith(SHARE.text);
    await click(button(view.container, en('copyHtml')));
    const [items] = clipboard.write.mock.calls.at(-1)!;
    const item = (items as FakeClipboardItem[])[0]!;
    expect(await item.items['text/html']!.text()).toBe(SHARE.html);
    expect(await item.items['text/plain']!.text()).toBe(SHARE.text);
    expect(view.text()).toContain(en('copied_html'));
  });

  it('copies the HTML source as text where ClipboardItem is missing', async () => {
    delete (globalThis as { ClipboardItem?: unknown }).ClipboardItem;
    await openAndCreate();
    await click(button(view.container, en('copyHtml')));
    expect(clipboard.writeText).toHaveBeenLastCalledWith(SHARE.html);
  });

  it('says so when the clipboard refuses', async () => {
    clipboard.writeText.mockRejectedValueOnce(new Error('Document is not focused'));
    await openAndCreate();
    await click(button(view.container, en('copyText')));
    expect(view.text()).toContain(en('copyFailed', 'Document is not focused'));
  });

  it('shows the link as a QR code (SVG) with the disclosure beside it', async () => {
    await openAndCreate();
    const toggle = button(view.container, en('showQr'));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    await vi.waitFor(async () => {
      await settle(1);
      expect(view.container.querySelector('svg.qr path')).not.toBeNull();
    });
    const svg = view.container.querySelector('svg.qr')!;
    const size = encode(LINK, { ecc: 'M', border: 2 }).size;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${size} ${size}`);
    expect(svg.getAttribute('role')).toBe('img');
    const squares = svg.querySelector('path')!.getAttribute('d')!.match(/M/g)!.length;
    const dark = encode(LINK, { ecc: 'M', border: 2 }).data.flat().filter(Boolean).length;
    expect(squares).toBe(dark);
    expect(view.container.querySelector('.qr-disclosure')!.textContent).toBe(SHARE.text);
  });

  it('shares by email with a subject and the plain-text share as the body', async () => {
    await openAndCreate();
    const href = view.container.querySelector<HTMLAnchorElement>('.share a[href^="mailto:"]')!.getAttribute('href')!;
    const url = new URL(href);
    expect(url.searchParams.get('body')).toBe(SHARE.text);
    expect(url.searchParams.get('subject')).toBe(en('emailSubject', 'WidgetDB Enterprise', 'WidgetDB'));
  });
});

describe('deal registration', () => {
  async function openDeal(h: Handlers = handlers()) {
    const env = fakeEnv(h);
    view = await mount(env, <Popup />);
    await settle();
    return { env, form: view.container.querySelector('details.deal form')! };
  }

  it('explains what to fix and sends nothing when the form is incomplete', async () => {
    const { env, form } = await openDeal();
    await type(form.querySelector('#deal-expectedSeats'), '2.5');
    await submit(form);
    expect(form.querySelector('#deal-customerName-error')?.textContent).toBe(en('dealNameMissing'));
    expect(form.querySelector('#deal-customerDomain-error')?.textContent).toBe(en('dealDomainInvalid'));
    expect(form.querySelector('#deal-expectedSeats-error')?.textContent).toBe(en('dealSeatsInvalid'));
    expect(form.querySelector('#deal-customerDomain')?.getAttribute('aria-invalid')).toBe('true');
    expect(env.callsTo('deals.register')).toEqual([]);
  });

  it('registers a deal for the selected offer, with the domain taken from a pasted URL', async () => {
    const { env, form } = await openDeal(
      handlers({ 'deals.register': (p) => ({ ...p, customerDomain: 'customer.com', id: 'd1', createdAt: '2026-03-01T10:00:00Z', sync: 'pending' as const }) }),
    );
    await type(form.querySelector('#deal-customerName'), 'Customer Corp');
    await type(form.querySelector('#deal-customerDomain'), 'https://www.Customer.com/about');
    await type(form.querySelector('#deal-expectedSeats'), '25');
    await submit(form);
    expect(env.callsTo('deals.register')).toEqual([
      { vendorId: 'acme', productId: 'widgetdb', customerName: 'Customer Corp', customerDomain: 'customer.com', expectedSeats: 25 },
    ]);
    expect(view.text()).toContain(en('dealRegistered', 'Customer Corp', 'Acme'));
  });

  it('shows the worker refusal', async () => {
    const { form } = await openDeal(handlers({ 'deals.register': () => fail('customerDomain: customer domain must be a domain name such as example.com', 'invalid-payload') }));
    await type(form.querySelector('#deal-customerName'), 'Customer Corp');
    await type(form.querySelector('#deal-customerDomain'), 'customer.com');
    await submit(form);
    expect(form.querySelector('[role="alert"]')?.textContent).toContain('customer domain must be a domain name');
  });
});
