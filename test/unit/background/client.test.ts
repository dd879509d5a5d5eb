import { describe, expect, it } from 'vitest';
import type { ContentCommands, PageCommands } from '../../../src/background/commands';
import { createCommandClient } from '../../../src/core/messages/client';
import { de, en } from '../../messages';
import { contentScript, makeWorker, POPUP } from './world';

describe('command client', () => {
  it('round-trips through the router with typed results', async () => {
    const { route } = makeWorker();
    const send = createCommandClient<PageCommands>((message) => route(message, POPUP), en);
    const settings = await send('settings.get');
    expect(settings.ok && settings.value.sharePageUrl).toBe('host');
    const detected = await createCommandClient<ContentCommands>((m) => route(m, contentScript()), en)('page.detected', {
      url: 'https://github.com/mysql/mysql-server',
      signals: {},
    });
    expect(detected.ok).toBe(true);
  });

  it('never rejects: a dead worker or no answer becomes an error result', async () => {
    const dead = createCommandClient<PageCommands>(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), en);
    expect(await dead('settings.get')).toEqual({ ok: false, error: { code: 'unreachable', message: 'Could not reach the extension: Could not establish connection. Receiving end does not exist.' } });
    const silent = createCommandClient<PageCommands>(async () => undefined, en);
    expect(await silent('settings.get')).toMatchObject({ ok: false, error: { code: 'no-answer' } });
    // In the browser's language: the popup passes t, the content script its page words.
    expect(await createCommandClient<PageCommands>(async () => undefined, de)('settings.get')).toEqual({ ok: false, error: { code: 'no-answer', message: 'Die Erweiterung hat nicht geantwortet. Versuchen Sie es gleich noch einmal.' } });
  });
});
