import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/background/commands';
import type { SenderKind } from '../../../src/background/commands/command';
import { classifySender, type SenderInfo } from '../../../src/background/router';
import { contentScript, EXTENSION_ID, makeWorker, OPTIONS, OPTIONS_URL, ORIGIN, POPUP, POPUP_URL, ROUTER_CONFIG } from './world';

const SENDERS: Record<SenderKind, SenderInfo> = { content: contentScript(), popup: POPUP, options: OPTIONS };

describe('router', () => {
  it('classifies senders: the options page, the popup, content scripts; refuses everyone else', () => {
    expect(classifySender(OPTIONS, ROUTER_CONFIG)?.kind).toBe('options');
    expect(classifySender({ ...OPTIONS, url: `${OPTIONS_URL}#vendors` }, ROUTER_CONFIG)?.kind).toBe('options');
    expect(classifySender(POPUP, ROUTER_CONFIG)?.kind).toBe('popup');
    expect(classifySender({ ...POPUP, url: `${POPUP_URL}?tab=4` }, ROUTER_CONFIG)?.kind).toBe('popup');
    expect(classifySender(contentScript(), ROUTER_CONFIG)).toEqual({ kind: 'content', tabId: 7, url: 'https://github.com/mysql/mysql-server' });
    // Another extension, another page of ours, a sub-frame, no tab, or a page pretending to be the options page.
    expect(classifySender({ ...OPTIONS, id: 'someone-else' }, ROUTER_CONFIG)).toBeNull();
    expect(classifySender({ id: EXTENSION_ID, url: `${ORIGIN}src/other/index.html` }, ROUTER_CONFIG)).toBeNull();
    expect(classifySender({ ...contentScript(), frameId: 3 }, ROUTER_CONFIG)).toBeNull();
    expect(classifySender({ id: EXTENSION_ID, url: 'https://evil.example/' }, ROUTER_CONFIG)).toBeNull();
    expect(classifySender({ ...contentScript(`https://evil.example/${OPTIONS_URL}`) }, ROUTER_CONFIG)?.kind).toBe('content');
  });

  it('rejects messages from other extensions', async () => {
    const { route } = makeWorker();
    const result = await route({ advocate: 1, name: 'settings.get', payload: {} }, { id: 'other-extension', url: 'chrome-extension://other/x.html' });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
  });

  it('content scripts may send only the commands a page needs', () => {
    const forContent = [...COMMANDS.values()].filter((c) => c.callers.includes('content')).map((c) => c.name);
    expect(forContent.sort()).toEqual(['page.detected', 'reply.insert', 'reply.prepare', 'suggestion.dismiss', 'suggestion.open']);
  });

  it('answers every command from a sender it does not list with "forbidden", before reading the payload', async () => {
    const { send, vendor } = makeWorker();
    let refused = 0;
    for (const command of COMMANDS.values()) {
      for (const [kind, sender] of Object.entries(SENDERS) as [SenderKind, SenderInfo][]) {
        const result = await send(command.name, { not: 'checked' }, sender);
        if (command.callers.includes(kind)) {
          expect(result, `${command.name} from ${kind}`).not.toMatchObject({ error: { code: 'forbidden' } });
        } else {
          refused++;
          expect(result, `${command.name} from ${kind}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
      }
    }
    expect(refused).toBeGreaterThan(COMMANDS.size); // most commands refuse two kinds of sender
    expect(vendor.requests).toHaveLength(0);
  });

  it('allows vendors.enrol (the one command that fetches an address from a message) only from the options page', async () => {
    const { send, vendor } = makeWorker();
    for (const sender of [POPUP, contentScript()]) {
      expect(await send('vendors.enrol', { endpoint: 'https://vendor.test', code: 'x' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(vendor.requests).toHaveLength(0);
  });

  it('validates every payload and says what is wrong', async () => {
    const { send } = makeWorker();
    const bad = await send('referrals.create', { vendorId: 'acme', productId: 'mysql', offerId: 'enterprise', channel: 'carrier-pigeon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/channel/) } });
    const extra = await send('settings.get', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const url = await send('page.detected', { url: 'javascript:alert(1)', signals: {} }, contentScript());
    expect(url).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/url/) } });
    const tags = await send('page.detected', { url: 'https://github.com/x', signals: { tags: Array(11).fill('mysql') } }, contentScript());
    expect(tags).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/at most 10 tags/) } });
  });

  it('answers unknown commands and foreign messages with an error, never a throw', async () => {
    const { route } = makeWorker();
    for (const name of ['secrets.dump', 'constructor', '__proto__', 'toString', 42]) {
      expect(await route({ advocate: 1, name, payload: {} }, POPUP)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    }
    expect(await route({ hello: 1 }, POPUP)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(await route(null, POPUP)).toMatchObject({ ok: false });
  });
});
