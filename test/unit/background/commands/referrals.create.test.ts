import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DbHandle } from '../../../../src/background/db';
import type { ActivityView, ReferralView } from '../../../../src/core/messages/views';
import { ENDPOINT } from '../helpers';
import { contentScript, CREATE, enrolledWorker, OPTIONS, REPO_URL, value } from '../world';

import { installI18n, removeI18n } from '../../../messages';

// The worker words its errors with chrome.i18n: English here.
beforeEach(installI18n);
afterEach(() => {
  vi.restoreAllMocks();
  removeI18n();
});

describe('referrals.create', () => {
  it('answers with the referral, its link and the share texts only once it is committed', async () => {
    const { send, db, kicks } = await enrolledWorker();
    const kicksBefore = kicks.length;
    const created = value<{ referral: ReferralView; link: string; share: { markdown: string; text: string; html: string } }>(
      await send('referrals.create', { ...CREATE, pageUrl: `${REPO_URL}/issues/1`, campaign: 'spring' }),
    );
    expect(created.link).toBe(`${ENDPOINT}/r/${created.referral.code}?o=enterprise`);
    expect(created.referral).toMatchObject({ vendorId: 'acme', sync: 'pending', pageHost: 'github.com', campaign: 'spring' });
    expect(created.referral.pageUrl).toBeUndefined(); // default share level: host only
    expect(created.share.markdown).toContain(`](${created.link})`);
    expect(created.share.text).toMatch(/paid referral link/);
    expect(created.share.html).toContain('rel="sponsored noopener"');
    // Committed: a different connection (another worker) sees it right away.
    const other = new DbHandle({ name: (await db.get()).name });
    expect(await (await other.get()).get('referrals', created.referral.id)).toMatchObject({ sync: 'pending', link: created.link });
    await other.close();
    expect(kicks).toHaveLength(kicksBefore + 1); // a sync was started
  });

  it('refuses vendors the practitioner is not enrolled with and offers not in the catalog', async () => {
    const { send } = await enrolledWorker();
    expect(await send('referrals.create', { ...CREATE, vendorId: 'globex' })).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    expect(await send('referrals.create', { ...CREATE, offerId: 'platinum' })).toMatchObject({ ok: false, error: { code: 'unknown-offer' } });
  });

  it('is the popup’s alone: a content script or the options page cannot create one', async () => {
    const { send, db } = await enrolledWorker();
    expect(await send('referrals.create', { ...CREATE, pageUrl: REPO_URL }, contentScript(REPO_URL))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('referrals.create', CREATE, OPTIONS)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await (await db.get()).count('referrals')).toBe(0);
  });

  it('reports a full disk clearly and loses nothing already stored', async () => {
    const { send, db } = await enrolledWorker();
    const first = value<{ referral: ReferralView }>(await send('referrals.create', CREATE));
    const spy = vi.spyOn(globalThis.IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failed = await send('referrals.create', CREATE);
    expect(failed).toMatchObject({ ok: false, error: { code: 'storage-full', message: expect.stringMatching(/^The browser has no room left for Advocate’s data, so this was not saved: free some disk space/) } });
    const { problems } = value<{ problems: { code: string }[] }>(await send('vendors.list'));
    expect(problems.map((p) => p.code)).toContain('storage-full');
    const activity = value<ActivityView>(await send('activity.get'));
    expect(activity.problems.map((p) => p.code)).toContain('storage-full');
    spy.mockRestore();
    expect((await (await db.get()).getAll('referrals')).map((r) => r.id)).toEqual([first.referral.id]);
    // The next successful write clears the problem.
    expect(await send('referrals.create', CREATE)).toMatchObject({ ok: true });
    expect(value<{ problems: { code: string }[] }>(await send('vendors.list')).problems).toEqual([]);
  });

  it('uses the chosen share level and disclosure', async () => {
    const world = await enrolledWorker();
    value(await world.send('settings.set', { disclosure: 'Paid link: I earn a referral fee from {vendor}.', sharePageUrl: 'full' }, OPTIONS));
    const created = value<{ referral: ReferralView; share: { text: string } }>(await world.send('referrals.create', { ...CREATE, pageUrl: `${REPO_URL}/issues/1` }));
    expect(created.referral.pageUrl).toBe(`${REPO_URL}/issues/1`);
    expect(created.share.text).toContain('Paid link: I earn a referral fee from Acme Data.');
  });
});
