import { describe, expect, it } from 'vitest';
import { withEnglishMessages } from '../../../messages';
import { CREATE, enrolledWorker, makeWorker, OPTIONS, value } from '../world';

describe('data.import', () => {
  withEnglishMessages();
  it('refuses a bad file with a clear message and loses nothing; importing twice adds nothing', async () => {
    const world = await enrolledWorker();
    value(await world.send('referrals.create', CREATE));
    const before = await (await world.db.get()).getAll('referrals');
    expect(await world.send('data.import', { json: '{not json' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import', message: expect.stringMatching(/not valid JSON/) } });
    expect(await world.send('data.import', { json: '{"format":"something-else"}' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import', message: expect.stringMatching(/not an Advocate export/) } });
    const { json } = value<{ json: string }>(await world.send('data.export', {}, OPTIONS));
    const exported = JSON.parse(json);
    exported.referrals.push({ ...exported.referrals[0], id: 'not-a-uuid' });
    expect(await world.send('data.import', { json: JSON.stringify(exported) }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'bad-import', message: expect.stringMatching(/referrals\.1/) } });
    expect(await (await world.db.get()).getAll('referrals')).toEqual(before);
    expect(value(await world.send('data.import', { json }, OPTIONS))).toMatchObject({ referralsAdded: 0, dealsAdded: 0, skippedExisting: 1 });
  });

  it('an undelivered item goes to the enrolment it was made for, or waits (held) until there is one', async () => {
    const world = await enrolledWorker();
    world.vendor.fallback = { kind: 'status', status: 503 };
    const { referral } = value<{ referral: { id: string } }>(await world.send('referrals.create', CREATE));
    const { json } = value<{ json: string }>(await world.send('data.export', {}, OPTIONS));

    const fresh = makeWorker();
    value(await fresh.send('data.import', { json }, OPTIONS));
    expect(await (await fresh.db.get()).get('referrals', referral.id)).toMatchObject({ sync: 'held', origin: 'https://vendor.test', error: expect.stringMatching(/sent once you are enrolled with this vendor at https:\/\/vendor\.test/) });

    const same = await enrolledWorker(); // the same vendor, origin and practitioner
    value(await same.send('data.import', { json }, OPTIONS));
    value(await same.send('sync.now'));
    expect(same.vendor.referrals.has(referral.id)).toBe(true);
  });

  it('reads a version 1 file: the origin from its vendor list, the practitioner from the code', async () => {
    const world = await enrolledWorker();
    world.vendor.fallback = { kind: 'status', status: 503 };
    const { referral } = value<{ referral: { id: string; code: string } }>(await world.send('referrals.create', CREATE));
    const file = JSON.parse(value<{ json: string }>(await world.send('data.export', {}, OPTIONS)).json);
    file.version = 1;
    for (const r of file.referrals) {
      delete r.origin;
      delete r.practitioner;
      delete r.secretTag;
    }
    const fresh = makeWorker();
    value(await fresh.send('data.import', { json: JSON.stringify(file) }, OPTIONS));
    expect(await (await fresh.db.get()).get('referrals', referral.id)).toMatchObject({ sync: 'held', origin: 'https://vendor.test', practitioner: 42 });
    delete file.vendors;
    const blind = makeWorker();
    value(await blind.send('data.import', { json: JSON.stringify(file) }, OPTIONS));
    expect(await (await blind.db.get()).get('referrals', referral.id)).toMatchObject({ sync: 'parked', parkedFor: 'identity', error: expect.stringMatching(/without the address/) });
  });
});
