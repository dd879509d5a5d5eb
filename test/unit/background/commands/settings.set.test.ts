import { describe, expect, it } from 'vitest';
import { withEnglishMessages } from '../../../messages';
import { contentScript, enrolledWorker, makeWorker, OPTIONS, POPUP, REPO_URL, value } from '../world';

describe('settings.set', () => {
  withEnglishMessages();
  it('validates the disclosure (never empty, must say paid), normalises muted hosts, and keeps them', async () => {
    const { send } = makeWorker();
    expect(await send('settings.set', { disclosure: '' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-disclosure', message: expect.stringMatching(/cannot be empty/) } });
    expect(await send('settings.set', { disclosure: 'https://example.com' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-disclosure' } });
    expect(await send('settings.set', { mutedHosts: ['not a host'] }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/muted host/) } });
    const wording = 'Paid link: I earn a referral fee from {vendor} if you subscribe to {offer}.';
    expect(value(await send('settings.set', { disclosure: wording, sharePageUrl: 'full', mutedHosts: ['https://www.News.example.com/x'] }, OPTIONS))).toMatchObject({
      disclosure: wording,
      sharePageUrl: 'full',
      mutedHosts: ['news.example.com'],
    });
    expect(value(await send('settings.get'))).toMatchObject({ disclosure: wording, sharePageUrl: 'full' });
  });

  it('the popup’s pause shows at once on every open tab’s toolbar icon, and resuming brings the offer back', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: REPO_URL, signals: {} }, contentScript(REPO_URL, 9)));
    expect(world.toolbar.titles.get(9)).toBe('Advocate: recommend MySQL Enterprise');
    value(await world.send('settings.set', { suggestionsEnabled: false }, POPUP));
    expect(world.toolbar.titles.get(9)).toBe('Advocate: suggestions are paused');
    expect(world.toolbar.icons.get(9)?.['16']).toBe('icons/icon-16.png');
    value(await world.send('settings.set', { suggestionsEnabled: true }, POPUP));
    expect(world.toolbar.titles.get(9)).toBe('Advocate: recommend MySQL Enterprise');
  });

  it('keeps mutes and dismissals in their own lists, checked like every setting', async () => {
    const { send } = makeWorker();
    expect(await send('settings.set', { mutedProducts: ['Not A Slug'] }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await send('settings.set', { dismissed: ['mysql'] }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(value(await send('settings.set', { mutedProducts: ['mysql'], dismissed: ['redis@github.com'], inPage: false }, OPTIONS))).toMatchObject({ mutedProducts: ['mysql'], dismissed: ['redis@github.com'], inPage: false });
  });
});
