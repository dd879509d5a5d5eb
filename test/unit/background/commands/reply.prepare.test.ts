import { afterEach, describe, expect, it } from 'vitest';
import { REPLY_SITES } from '../../../../src/core/referral/community-rules';
import { de, en, installI18n, MESSAGES, removeI18n } from '../../../messages';
import type { ReplyDraftView } from '../../../../src/core/messages/views';
import { contentScript, enrolledWorker, makeWorker, REPO_URL, value } from '../world';

const ISSUE = 'https://github.com/mysql/mysql-server/issues/7';
const QUESTION = 'https://stackoverflow.com/questions/1/slow-mysql-count';

describe('reply.prepare', () => {
  afterEach(removeI18n);

  it('shows exactly the text to insert, in the site’s format, with the community rule; nothing is stored yet', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9)));
    expect(draft.text).toMatch(/^\[MySQL Enterprise by Acme Data\]\(https:\/\/vendor\.test\/r\/[0-9a-z]{24}[^)]*\)/i);
    expect(draft.text).toMatch(/paid referral link/);
    expect(draft.rule).toMatchObject({ name: 'GitHub', linkOnly: 'allow', source: 'https://docs.github.com/en/site-policy/acceptable-use-policies/github-acceptable-use-policies' });
    expect((await (await world.db.get()).getAll('referrals')).length).toBe(0);
    // A rich-text editor gets plain text, not Markdown.
    const rich = value<ReplyDraftView>(await world.send('reply.prepare', { rich: true }, contentScript(ISSUE, 9)));
    expect(rich.text).not.toContain('](');
    expect(rich.text).toMatch(/https:\/\/vendor\.test\/r\//);
  });

  it('on Stack Exchange the rule refuses a link-only answer and cites the site’s own help page', async () => {
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: QUESTION, signals: { tags: ['mysql'] } }, contentScript(QUESTION, 3)));
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(QUESTION, 3)));
    expect(draft.rule).toMatchObject({ name: 'Stack Exchange', linkOnly: 'refuse', source: 'https://stackoverflow.com/help/promotion' });
    expect(draft.rule.minOwnText).toBeGreaterThan(50);
  });

  it('after a same-document navigation (the sender URL still the loaded one) takes the page’s own URL of that origin, and stores it', async () => {
    const world = await enrolledWorker();
    const moved = `${ISSUE}?tab=1`;
    value(await world.send('page.detected', { url: moved, signals: {} }, contentScript(ISSUE, 9)));
    expect(await world.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'no-page' } }); // the old way
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false, url: moved }, contentScript(ISSUE, 9)));
    expect(await world.send('reply.prepare', { rich: false, url: 'https://evil.example/mysql' }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await world.send('reply.insert', { draftId: draft.draftId, url: 'https://evil.example/mysql' }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await world.send('reply.insert', { draftId: draft.draftId, url: moved }, contentScript(ISSUE, 9)));
    const [stored] = await (await world.db.get()).getAll('referrals');
    expect(stored!.item.pageHost).toBe('github.com');
  });

  it('refuses when the page was not reported, moved on, or nothing enrolled is on it', async () => {
    const world = await enrolledWorker();
    expect(await world.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'no-page' } });
    value(await world.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    expect(await world.send('reply.prepare', { rich: false }, contentScript(REPO_URL, 9))).toMatchObject({ ok: false, error: { code: 'no-page' } });
    const plain = makeWorker();
    value(await plain.send('page.detected', { url: ISSUE, signals: {} }, contentScript(ISSUE, 9)));
    expect(await plain.send('reply.prepare', { rich: false }, contentScript(ISSUE, 9))).toMatchObject({ ok: false, error: { code: 'nothing-to-recommend' } });
  });

  it('words the rule and its refusals in the browser’s language; every reply site has its rule in English and German', async () => {
    for (const site of REPLY_SITES) expect([en(`rule_${site}`), de(`rule_${site}`)].every((words) => words.length > 40), site).toBe(true);
    installI18n('en');
    const world = await enrolledWorker();
    value(await world.send('page.detected', { url: QUESTION, signals: { tags: ['mysql'] } }, contentScript(QUESTION, 3)));
    expect(value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(QUESTION, 3))).rule.rule).toBe(MESSAGES.rule_stackexchange!.message);
    installI18n('de');
    const german = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(QUESTION, 3)));
    expect(german.rule).toMatchObject({ name: 'Stack Exchange', rule: expect.stringMatching(/^Legen Sie Ihre Verbindung in der Antwort selbst offen/) });
    expect(await world.send('reply.insert', { draftId: '0190f3b4-0000-4000-8000-000000000000', url: QUESTION }, contentScript(QUESTION, 3))).toMatchObject({ ok: false, error: { code: 'no-draft', message: 'Diese Vorschau ist nicht mehr aktuell; öffnen Sie sie erneut.' } });
  });

  it('a Discourse forum is named by its own host, and a site without a known rule gets the general one', async () => {
    installI18n('en');
    const world = await enrolledWorker();
    const topic = 'https://forums.mysql.com/t/slow-count/42';
    value(await world.send('page.detected', { url: topic, signals: { generator: 'Discourse 3.2', tags: ['mysql'] } }, contentScript(topic, 4)));
    const draft = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(topic, 4)));
    expect(draft.rule).toMatchObject({ name: 'forums.mysql.com', rule: en('rule_discourse'), source: 'https://forums.mysql.com/guidelines' });
    const image = 'https://hub.docker.com/_/mysql';
    value(await world.send('page.detected', { url: image, signals: {} }, contentScript(image, 5)));
    const general = value<ReplyDraftView>(await world.send('reply.prepare', { rich: false }, contentScript(image, 5)));
    expect(general.rule).toEqual({ name: 'hub.docker.com', rule: en('rule_other'), linkOnly: 'allow', minOwnText: 0, source: image });
  });
});
