import { describe, expect, it } from 'vitest';
import type { ReplyDraftView } from '../../../../src/core/messages/views';
import { contentScript, enrolledWorker, value } from '../world';

const ISSUE = 'https://github.com/mysql/mysql-server/issues/7';

describe('reply.insert', () => {
  it('stores the previewed referral durably and answers exactly the previewed text, once', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9)));
    const inserted = value<{ text: string }>(await world.send('reply.insert', { draftId: draft.draftId }, contentScript(ISSUE, 9)));
    expect(inserted.text).toBe(draft.text);
    const stored = await (await world.db.get()).getAll('referrals');
    expect(stored.map((r) => [r.item.productId, r.item.channel, r.item.pageHost, r.sync])).toEqual([['mysql', 'issue-comment', 'github.com', 'pending']]);
    expect(draft.text).toContain(stored[0]!.link);
    expect(await world.send('reply.insert', { draftId: draft.draftId }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'no-draft' } });
    expect(await (await world.db.get()).count('referrals')).toBe(1);
  });

  it('a draft belongs to its tab and page: another tab, or the page after a navigation, cannot insert it', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9)));
    expect(await world.send('reply.insert', { draftId: draft.draftId }, contentScript(ISSUE, 10))).toMatchObject({ ok: false, error: { code: 'no-draft' } });
    value(await world.send('page.detected', { url: 'https://github.com/settings', signals: {} }, contentScript(ISSUE, 9))); // a single-page move to a page about nothing
    expect(await world.send('reply.insert', { draftId: draft.draftId }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'no-draft' } });
    expect(await (await world.db.get()).count('referrals')).toBe(0);
  });
});
