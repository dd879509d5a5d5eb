// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, VendorView } from '../../../src/core/messages';
import { Options } from '../../../src/options/Options';
import { credential, SETTINGS, vendor } from '../ui/fixtures';
import { button, click, de, en, fail, fakeEnv, installI18n, mount, settle, submit, type, type Handlers, type Mounted } from '../ui/harness';

let view: Mounted;
beforeEach(installI18n);
afterEach(() => view?.unmount());

const acme = () => vendor('acme', 'Acme', [credential('valid')]);

function handlers(vendors: VendorView[] = [acme()], overrides: Handlers = {}): Handlers {
  return {
    'vendors.list': () => ({ vendors, problems: [] }),
    'settings.get': () => SETTINGS,
    'sites.list': () => [],
    ...overrides,
  };
}

async function open(h: Handlers, opts?: Parameters<typeof fakeEnv>[1]) {
  const env = fakeEnv(h, opts);
  view = await mount(env, <Options />);
  await settle();
  return env;
}

async function enrol(endpoint: string, code = 'ENROL-1234') {
  await type(view.container.querySelector('#enrol-endpoint'), endpoint);
  await type(view.container.querySelector('#enrol-code'), code);
  await submit(view.container.querySelector('#enrol-endpoint')!.closest('form'));
}

const vendorNames = () => [...view.container.querySelectorAll('.vendor-card h3')].map((h) => h.textContent);

describe('enrolment', () => {
  it('refuses a malformed URL before asking the browser or the vendor', async () => {
    const env = await open(handlers());
    await enrol('not a url');
    expect(view.container.querySelector('section[aria-labelledby="enrol-h"] [role="alert"]')?.textContent).toBe(en('enrolUrlMalformed'));
    expect(env.permissionRequests).toEqual([]);
    expect(env.callsTo('vendors.enrol')).toEqual([]);
  });

  it('refuses plain http on a public host', async () => {
    const env = await open(handlers());
    await enrol('http://vendor.example/advocate');
    expect(view.text()).toContain(en('enrolUrlInsecure'));
    expect(env.permissionRequests).toEqual([]);
  });

  it('asks for the host permission synchronously in the submit handler, then enrols', async () => {
    const env = await open(handlers([], { 'vendors.enrol': () => acme() }));
    await type(view.container.querySelector('#enrol-endpoint'), ' https://advocate.acme.example:8443/v1 ');
    await type(view.container.querySelector('#enrol-code'), ' ENROL-1234 ');
    const form = view.container.querySelector('#enrol-endpoint')!.closest('form')!;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    // still inside the gesture: the request happened before anything was awaited
    expect(env.permissionRequests).toEqual([['https://advocate.acme.example/*']]);
    expect(env.callsTo('vendors.enrol')).toEqual([]);
    await settle();
    expect(env.callsTo('vendors.enrol')).toEqual([{ endpoint: 'https://advocate.acme.example:8443', code: 'ENROL-1234' }]);
    expect(view.text()).toContain(en('enrolDone', 'Acme', 'Ada Practitioner'));
    expect(env.callsTo('vendors.list')).toHaveLength(2);
  });

  it('allows a local endpoint over http on 127.0.0.1', async () => {
    const env = await open(handlers([], { 'vendors.enrol': () => acme() }));
    await enrol('http://127.0.0.1:8787');
    expect(env.permissionRequests).toEqual([['http://127.0.0.1/*']]);
    expect(env.callsTo('vendors.enrol')).toHaveLength(1);
  });

  it('says so when the permission is denied, and sends nothing', async () => {
    const env = await open(handlers(), { grant: false });
    await enrol('https://advocate.globex.example');
    expect(view.text()).toContain(en('enrolPermissionDenied', 'advocate.globex.example'));
    expect(env.callsTo('vendors.enrol')).toEqual([]);
  });

  it.each([
    ['wrong code', 'The enrolment code is wrong, used or expired: ask the vendor for a new one.'],
    ['garbage answer', 'The vendor answered something that is not an Advocate enrolment (HTTP 200, not JSON).'],
    ['invalid catalog', "The vendor's catalog is invalid: vendors.0.products.0.offers: a product needs at least one offer"],
  ])('%s: shows the worker message and keeps earlier enrolments', async (_case, message) => {
    await open(handlers([acme()], { 'vendors.enrol': () => fail(message, 'enrol-failed') }));
    await enrol('https://advocate.globex.example');
    expect(view.container.querySelector('section[aria-labelledby="enrol-h"] [role="alert"]')?.textContent).toBe(`${message} ${en('enrolOthersUnchanged')}`);
    expect(vendorNames()).toEqual(['Acme']);
    expect(view.container.querySelector<HTMLInputElement>('#enrol-code')!.value).toBe('ENROL-1234');
  });

  it('with no other enrolment, says nothing about "other enrolments"', async () => {
    const message = 'The vendor did not accept this enrolment code (it is wrong, already used or expired): ask the vendor for a new one.';
    await open(handlers([], { 'vendors.enrol': () => fail(message, 'enrolment-code-invalid') }));
    await enrol('https://advocate.globex.example');
    expect(view.container.querySelector('section[aria-labelledby="enrol-h"] [role="alert"]')?.textContent).toBe(message);
  });

  it('refuses a code longer than any enrolment code before asking anyone', async () => {
    const env = await open(handlers());
    await enrol('https://advocate.globex.example', 'X'.repeat(201));
    expect(view.text()).toContain(en('enrolCodeTooLong', 200));
    expect(env.permissionRequests).toEqual([]);
  });

  it('says what it waits for: the browser prompt, then the vendor with the seconds so far', async () => {
    let answer!: (value: Result<VendorView>) => void;
    const env = await open(handlers([], { 'vendors.enrol': () => new Promise<Result<VendorView>>((resolve) => (answer = resolve)) }));
    await enrol('https://advocate.acme.example');
    expect(env.callsTo('vendors.enrol')).toHaveLength(1);
    const status = () => view.container.querySelector('#enrol-h ~ form [role="status"]')?.textContent;
    expect(status()).toBe(en('enrolWaitingVendor', 'advocate.acme.example', 0));
    expect(button(view.container, en('enrolling'))?.disabled).toBe(true);
    answer({ ok: true, value: acme() });
    await settle();
    expect(status()).toBe('');
    expect(view.text()).toContain(en('enrolDone', 'Acme', 'Ada Practitioner'));
  });

  it('a browser prompt never answered ends with a clear message instead of waiting for ever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const env = fakeEnv(handlers());
      env.requestOrigins = (origins) => {
        env.permissionRequests.push(origins);
        return new Promise<boolean>(() => {}); // the prompt stays open
      };
      view = await mount(env, <Options />);
      await vi.advanceTimersByTimeAsync(0);
      await type(view.container.querySelector('#enrol-endpoint'), 'https://advocate.acme.example');
      await type(view.container.querySelector('#enrol-code'), 'ENROL-1234');
      view.container.querySelector('#enrol-endpoint')!.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await vi.advanceTimersByTimeAsync(0); // settle() would wait on a faked setTimeout
      expect(view.text()).toContain(en('enrolWaitingPermission', 'advocate.acme.example'));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(view.text()).toContain(en('enrolPermissionTimeout', 'advocate.acme.example'));
      expect(button(view.container, en('enrolAction'))?.disabled).toBe(false);
      expect(env.callsTo('vendors.enrol')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('welcome', () => {
  it('greets a practitioner enrolled nowhere: what Advocate does, what it reads, how to enrol', async () => {
    await open(handlers([]));
    const welcome = view.container.querySelector('section[aria-labelledby="welcome-h"]')!;
    expect(welcome.querySelector('h2')?.textContent).toBe(en('welcomeTitle'));
    for (const key of ['welcomeWhat', 'welcomeReads', 'welcomeEnrol']) expect(welcome.textContent).toContain(en(key));
    expect(welcome.querySelector('a')?.getAttribute('href')).toBe('#enrol-h');
    expect(view.container.querySelector('#enrol-h')).not.toBeNull();
  });

  it('is gone once enrolled', async () => {
    await open(handlers([acme()]));
    expect(view.container.querySelector('#welcome-h')).toBeNull();
  });
});

describe('vendors', () => {
  it('shows each credential state as such; only a valid one counts as certified', async () => {
    const mixed = vendor('acme', 'Acme', [
      credential('valid', 'widgetdb'),
      credential('expired', 'gadgetdb', { validUntil: '2025-01-01T00:00:00Z' }),
      credential('revoked', 'sprocket'),
      credential('forged', 'cog'),
    ]);
    const uncertified = vendor('globex', 'Globex', [credential('expired'), credential('forged', 'cog')]);
    await open(handlers([mixed, uncertified]));
    expect(vendorNames()).toEqual(['Acme', 'Globex']);
    const [first, second] = [...view.container.querySelectorAll('.vendor-card')];
    const rows = [...first!.querySelectorAll<HTMLElement>('tr[data-credential-state]')];
    expect(rows.map((r) => r.dataset.credentialState)).toEqual(['valid', 'expired', 'revoked', 'forged']);
    expect(rows.map((r) => r.querySelector('.badge')!.textContent!.split(' · ')[0])).toEqual(
      ['credState_valid', 'credState_expired', 'credState_revoked', 'credState_forged'].map((k) => en(k)),
    );
    expect(rows[0]!.textContent).toContain('professional');
    expect(rows[3]!.textContent).toContain('credential is forged');
    expect(first!.textContent).toContain(en('vendorCertified'));
    expect(second!.textContent).toContain(en('vendorNotCertified'));
    expect(second!.querySelector('.badge-ok')).toBeNull();
    // an expired certification says what to do about it, once per expired row
    expect(rows[1]!.textContent).toContain(en('credExpiredAction', 'Acme'));
    expect(rows[0]!.textContent).not.toContain(en('credExpiredAction', 'Acme'));
  });

  it('says plainly when a certification carries an older signature or its revocation could not be checked', async () => {
    const legacy = credential('valid', 'widgetdb', { legacy: true, reason: 'Valid until 2027-06-30 (older Advocate signature, accepted until it expires)' });
    const unchecked = credential('valid', 'gadgetdb', { statusProblem: 'Revocation not checked: the status list does not verify' });
    await open(handlers([vendor('acme', 'Acme', [legacy, unchecked, credential('revoked', 'cog')])]));
    const rows = [...view.container.querySelectorAll<HTMLElement>('tr[data-credential-state]')];
    expect(rows[0]!.querySelector('.badge')!.textContent).toBe(`${en('credState_valid')} · professional · ${en('credValidUntil', 'Jun 30, 2027')} · ${en('credLegacy')}`);
    expect(rows[1]!.querySelector('.badge')!.textContent).not.toContain(en('credLegacy'));
    expect(rows[1]!.textContent).toContain('Revocation not checked: the status list does not verify');
    expect(rows[2]!.querySelector('.badge')!.textContent!.startsWith(en('credState_revoked'))).toBe(true);
  });

  it('exports a certification as a file, and as a link and QR code when the vendor publishes it', async () => {
    const url = 'https://advocate.acme.example/v1/credentials/urn%3Auuid%3Avalid-widgetdb';
    const env = await open(
      handlers([vendor('acme', 'Acme', [credential('valid', 'widgetdb'), credential('valid', 'gadgetdb')])], {
        'credentials.export': ({ credentialId }) =>
          credentialId === 'urn:uuid:valid-widgetdb'
            ? { fileName: 'certification-acme-widgetdb-professional.json', json: '{"id":"urn:uuid:valid-widgetdb"}', url }
            : { fileName: 'certification-acme-gadgetdb-professional.json', json: '{}' },
      }),
    );
    const [widget, gadget] = [...view.container.querySelectorAll<HTMLElement>('tr[data-credential-state]')];
    const saved: { name: string; text: string }[] = [];
    const original = { click: HTMLAnchorElement.prototype.click, createObjectURL: URL.createObjectURL };
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const href = `blob:test/${blobs.size}`;
      blobs.set(href, blob);
      return href;
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, text: this.href });
    };
    try {
      await click(widget!.querySelector(`button[aria-label="${en('credSaveFileFor', 'Certified widgetdb Professional')}"]`));
    } finally {
      HTMLAnchorElement.prototype.click = original.click;
      URL.createObjectURL = original.createObjectURL;
    }
    expect(env.callsTo('credentials.export')).toEqual([{ vendorId: 'acme', credentialId: 'urn:uuid:valid-widgetdb' }]);
    expect(saved.map((f) => f.name)).toEqual(['certification-acme-widgetdb-professional.json']);
    expect(await blobs.get(saved[0]!.text)!.text()).toBe('{"id":"urn:uuid:valid-widgetdb"}');
    expect(widget!.textContent).toContain(en('credSaved', 'certification-acme-widgetdb-professional.json'));

    const toggle = button(widget!, en('credShareLink'));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(widget!.querySelector<HTMLInputElement>('input[type="url"]')!.value).toBe(url);
    await vi.waitFor(async () => {
      await settle(1);
      expect(widget!.querySelector('svg.qr path')).not.toBeNull();
    });
    expect(widget!.querySelector('svg.qr')!.getAttribute('aria-label')).toBe(en('credQrLabel', 'Certified widgetdb Professional'));
    const writeText = vi.fn(async (_: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await click(button(widget!, en('credCopyLink')));
    expect(writeText).toHaveBeenCalledWith(url);
    expect(widget!.textContent).toContain(en('credLinkCopied'));

    // A vendor that publishes no address: the file only, and it says so.
    await click(button(gadget!, en('credShareLink')));
    expect(gadget!.querySelector('input[type="url"]')).toBeNull();
    expect(gadget!.textContent).toContain(en('credNoLink'));
  });

  it('says why an export failed', async () => {
    await open(handlers([acme()], { 'credentials.export': () => fail('Acme has not issued you the certification urn:uuid:x.', 'unknown-credential') }));
    await click(button(view.container, en('credSaveFile')));
    expect(view.container.querySelector('.cred-export [role="alert"]')!.textContent).toBe('Acme has not issued you the certification urn:uuid:x.');
  });

  it('shows sync status and errors per vendor', async () => {
    const stuck = { ...acme(), sync: { status: 'reenrol' as const, pending: 3, parked: 1, lastError: 'HTTP 401: token revoked' } };
    await open(handlers([stuck]));
    const card = view.container.querySelector('.vendor-card')!;
    expect(card.textContent).toContain(en('syncStatus_reenrol'));
    expect(card.textContent).toContain(en('syncPending', 3));
    expect(card.textContent).toContain('HTTP 401: token revoked');
  });

  it('leaves a vendor only after confirmation', async () => {
    let vendors = [acme(), vendor('globex', 'Globex')];
    const env = await open({
      'vendors.list': () => ({ vendors, problems: [] }),
      'settings.get': () => SETTINGS,
      'vendors.leave': ({ vendorId }) => {
        vendors = vendors.filter((v) => v.id !== vendorId);
        return { removed: true, vendorNotified: false };
      },
    });
    await click(button(view.container, en('leaveVendor', 'Acme')));
    expect(env.callsTo('vendors.leave')).toEqual([]);
    await click(button(view.container, en('leaveYes')));
    expect(env.callsTo('vendors.leave')).toEqual([{ vendorId: 'acme' }]);
    expect(vendorNames()).toEqual(['Globex']);
    expect(view.text()).toContain(en('leftNotNotified', 'Acme'));
  });
});

describe('settings', () => {
  const form = () => view.container.querySelector('#set-disclosure')!.closest('form')!;

  it('refuses an empty disclosure without asking the worker', async () => {
    const env = await open(handlers([], { 'settings.set': () => SETTINGS }));
    await type(view.container.querySelector('#set-disclosure'), '   ');
    expect(view.container.querySelector('#set-disclosure')!.getAttribute('aria-invalid')).toBe('true');
    await submit(form());
    expect(view.container.querySelector('section[aria-labelledby="settings-h"] [role="alert"]')?.textContent).toContain('cannot be empty');
    expect(env.callsTo('settings.set')).toEqual([]);
  });

  it('words a refused disclosure in the browser’s language', async () => {
    installI18n('de');
    await open(handlers([], { 'settings.set': () => SETTINGS }));
    await type(view.container.querySelector('#set-disclosure'), 'Ich mag {offer} wirklich, probieren Sie es aus.');
    await submit(form());
    expect(view.container.querySelector('section[aria-labelledby="settings-h"] [role="alert"]')?.textContent).toBe(de('disclosureNotPaid'));
    expect(de('disclosureNotPaid')).toMatch(/^Die Offenlegung muss klar sagen/);
  });

  it("shows the worker's refusal message", async () => {
    await open(handlers([], { 'settings.set': () => fail('The disclosure must say plainly that the link is paid.', 'invalid-payload') }));
    await type(view.container.querySelector('#set-disclosure'), 'Paid referral link: I earn a commission from {vendor} on this.');
    await submit(form());
    expect(view.container.querySelector('section[aria-labelledby="settings-h"] [role="alert"]')?.textContent).toBe(
      'The disclosure must say plainly that the link is paid.',
    );
  });

  it('refuses a muted site that is not a host name', async () => {
    const env = await open(handlers([], { 'settings.set': () => SETTINGS }));
    await type(view.container.querySelector('#set-muted-hosts'), 'example.com\nnot a host!');
    await submit(form());
    expect(view.container.querySelector('section[aria-labelledby="settings-h"] [role="alert"]')?.textContent).toBe(en('mutedHostsInvalid', 'not, a, host!'));
    expect(view.container.querySelector('#set-muted-hosts')?.getAttribute('aria-invalid')).toBe('true');
    expect(env.callsTo('settings.set')).toEqual([]);
    // One bad entry never locks the form: Save stays usable, and once it is fixed the list saves.
    expect(button(view.container, en('save')).disabled).toBe(false);
    await type(view.container.querySelector('#set-muted-hosts'), 'example.com\nnews.example.org');
    expect(view.container.querySelector('#set-muted-hosts')?.getAttribute('aria-invalid')).toBeNull();
    await submit(form());
    expect(env.callsTo('settings.set')).toMatchObject([{ mutedHosts: ['example.com', 'news.example.org'] }]);
    expect(view.text()).toContain(en('settingsSaved'));
    expect(view.text()).not.toContain(en('mutedHostsInvalid', 'not, a, host!'));
  });

  it('saves wording, page-URL default and muted sites', async () => {
    const env = await open(handlers([], { 'settings.set': (p) => ({ ...SETTINGS, ...p }) as never }));
    const wording = 'Paid referral link: I earn a commission from {vendor} if you subscribe.';
    await type(view.container.querySelector('#set-disclosure'), wording);
    const select = view.container.querySelector<HTMLSelectElement>('#set-share-page')!;
    select.value = 'full';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await type(view.container.querySelector('#set-muted-hosts'), 'https://www.News.example.com/today\nforum.example.org, forum.example.org');
    await submit(form());
    expect(env.callsTo('settings.set')).toEqual([{ disclosure: wording, sharePageUrl: 'full', mutedHosts: ['news.example.com', 'forum.example.org'] }]);
    expect(view.text()).toContain(en('settingsSaved'));
    expect(view.container.querySelector('.preview')?.textContent).toContain('I earn a commission from Example Vendor');
  });
});

describe('suggestions', () => {
  it('pauses, keeps to the toolbar (saying a site can notice the in-page ones), unmutes a product and shows dismissed ones again', async () => {
    const stored = { ...SETTINGS, mutedProducts: ['mysql'], dismissed: ['redis@github.com'] };
    const env = await open(handlers([], { 'settings.get': () => stored, 'settings.set': (p) => ({ ...stored, ...p }) as never }));
    expect(view.text()).toContain(en('inPageNote'));
    await click(view.container.querySelector('#suggestions-h ~ .stack input[type="checkbox"]'));
    await click(view.container.querySelectorAll('input[name="in-page"]')[1]!);
    await click([...view.container.querySelectorAll('button')].find((b) => b.textContent === en('unmute'))!);
    await click([...view.container.querySelectorAll('button')].find((b) => b.textContent === en('clearDismissed'))!);
    expect(env.callsTo('settings.set')).toEqual([{ suggestionsEnabled: false }, { inPage: false }, { mutedProducts: [] }, { dismissed: [] }]);
  });

  it('lists the granted sites and removes one', async () => {
    const env = await open(handlers([], { 'sites.list': () => [{ host: 'discuss.example.com', pattern: 'https://discuss.example.com/*' }], 'sites.remove': () => [] }));
    await click([...view.container.querySelectorAll('button')].find((b) => b.textContent === en('removeSite', 'discuss.example.com'))!);
    expect(env.callsTo('sites.remove')).toEqual([{ host: 'discuss.example.com' }]);
    expect(view.text()).toContain(en('siteRemoved', 'discuss.example.com'));
    expect(view.text()).toContain(en('grantedSitesNone'));
  });
});

describe('data', () => {
  function pickFile(text: string) {
    const input = view.container.querySelector<HTMLInputElement>('#data-import')!;
    Object.defineProperty(input, 'files', { value: [new File([text], 'advocate.json', { type: 'application/json' })], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('imports a file and shows the report', async () => {
    const env = await open(handlers([], { 'data.import': () => ({ referralsAdded: 3, dealsAdded: 1, skippedExisting: 2, settingsImported: true }) }));
    pickFile('{"advocateExport":1}');
    await settle();
    expect(env.callsTo('data.import')).toEqual([{ json: '{"advocateExport":1}' }]);
    expect(view.text()).toContain('3 referrals and 1 deal added; 2 already here were kept.');
  });

  it('shows why an import failed', async () => {
    await open(handlers([], { 'data.import': () => fail('This is not an Advocate export file.', 'invalid-payload') }));
    pickFile('garbage');
    await settle();
    expect(view.text()).toContain(en('importFailed', 'This is not an Advocate export file.'));
  });

  it('exports to a downloaded JSON file', async () => {
    const env = await open(handlers([], { 'data.export': () => ({ json: '{"x":1}', fileName: 'advocate-2026-03-01.json' }) }));
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    try {
      await click(button(view.container, en('exportAction')));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(env.callsTo('data.export')).toHaveLength(1);
    expect(clicked).toEqual(['advocate-2026-03-01.json']);
  });
});
