import { describe, expect, it } from 'vitest';
import { CREATE, enrolledWorker, OPTIONS, value } from '../world';

describe('data.import', () => {
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
});
