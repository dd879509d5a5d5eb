import { describe, expect, it } from 'vitest';
import { ACCESS, classifySender } from '../../../src/background/router';
import { COMMAND_NAMES } from '../../../src/core/messages/commands';
import { PAYLOAD_SCHEMAS } from '../../../src/core/messages/schemas';
import { contentScript, EXTENSION_ID, makeWorker, OPTIONS, OPTIONS_URL, ORIGIN, POPUP } from './world';

const detection = { pageType: 'project', site: 'github', keys: ['github:mysql/mysql-server'], confidence: 0.95 };
const config = { extensionId: EXTENSION_ID, extensionOrigin: ORIGIN, optionsUrl: OPTIONS_URL };

describe('router', () => {
  it('every command has a schema and an access rule', () => {
    for (const name of COMMAND_NAMES) {
      expect(PAYLOAD_SCHEMAS[name], name).toBeDefined();
      expect(ACCESS[name].length, name).toBeGreaterThan(0);
    }
  });

  it('classifies senders: options page, other extension pages, content scripts; rejects others', () => {
    expect(classifySender(OPTIONS, config)?.kind).toBe('options');
    expect(classifySender({ ...OPTIONS, url: `${OPTIONS_URL}#vendors` }, config)?.kind).toBe('options');
    expect(classifySender(POPUP, config)?.kind).toBe('page');
    expect(classifySender(contentScript(), config)).toEqual({ kind: 'content', tabId: 7, url: 'https://github.com/mysql/mysql-server' });
    // Another extension, a sub-frame, no tab, or a page pretending to be the options page.
    expect(classifySender({ ...OPTIONS, id: 'someone-else' }, config)).toBeNull();
    expect(classifySender({ ...contentScript(), frameId: 3 }, config)).toBeNull();
    expect(classifySender({ id: EXTENSION_ID, url: 'https://evil.example/' }, config)).toBeNull();
    expect(classifySender({ ...contentScript(`https://evil.example/${OPTIONS_URL}`) }, config)?.kind).toBe('content');
  });

  it('rejects messages from other extensions', async () => {
    const { route } = makeWorker();
    const result = await route({ advocate: 1, name: 'settings.get', payload: {} }, { id: 'other-extension', url: 'chrome-extension://other/x.html' });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
  });

  it('lets content scripts call only their allow-list', async () => {
    const { send } = makeWorker();
    for (const name of ['vendors.enrol', 'vendors.list', 'activity.get', 'settings.set', 'data.export', 'data.import', 'sync.now', 'outbox.retry', 'page.forTab', 'deals.register']) {
      const result = await send(name, {}, contentScript());
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await send('page.detected', { url: 'https://github.com/mysql/mysql-server', detection }, contentScript())).toMatchObject({ ok: true });
  });

  it('allows vendors.enrol (the one command that fetches a URL from a message) only from the options page', async () => {
    const { send, vendor } = makeWorker();
    const result = await send('vendors.enrol', { endpoint: 'https://vendor.test', code: 'x' }, POPUP);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(vendor.requests).toHaveLength(0);
  });

  it('validates every payload and says what is wrong', async () => {
    const { send } = makeWorker();
    const bad = await send('referrals.create', { vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'carrier-pigeon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/channel/) } });
    const extra = await send('settings.get', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const url = await send('page.detected', { url: 'javascript:alert(1)', detection }, POPUP);
    expect(url).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/url/) } });
    const keys = await send('page.detected', { url: 'https://x.example/', detection: { ...detection, keys: Array(65).fill('host:x.example') } }, POPUP);
    expect(keys).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/too many/) } });
  });

  it('answers unknown commands and foreign messages with an error, never a throw', async () => {
    const { route } = makeWorker();
    expect(await route({ advocate: 1, name: 'secrets.dump', payload: {} }, POPUP)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await route({ hello: 1 }, POPUP)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(await route(null, POPUP)).toMatchObject({ ok: false });
  });

  it('a content script may only report its own page', async () => {
    const { send } = makeWorker();
    const result = await send('page.detected', { url: 'https://other.example/', detection }, contentScript('https://github.com/mysql/mysql-server'));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
