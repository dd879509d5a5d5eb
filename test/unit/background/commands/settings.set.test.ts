import { describe, expect, it } from 'vitest';
import { makeWorker, OPTIONS, value } from '../world';

describe('settings.set', () => {
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
});
