// The worker runs the content script on its own sites only where a page may match, and only at
// the two moments that show a new page: a load finished, or a loaded page changed its address.
import { describe, expect, it } from 'vitest';
import { isDecisionMoment, runContentScriptIfWorth, runContentScriptsInOpenTabs } from '../../../src/background/page-scripts';
import { enrolledWorker, makeWorker } from './world';

describe('the content script on Advocate’s sites', () => {
  it('runs in a tab whose address names a catalog product an enrolled vendor offers, on a declared site only', async () => {
    const { services, tabAccess } = await enrolledWorker();
    expect(await runContentScriptIfWorth(services, 3, 'https://github.com/mysql/mysql-server')).toBe(true);
    expect(await runContentScriptIfWorth(services, 11, 'https://github.com/mysql/mysql-server/issues/1')).toBe(true);
    expect(await runContentScriptIfWorth(services, 5, 'https://github.com/microlinkhq/mql')).toBe(false);
    expect(await runContentScriptIfWorth(services, 6, 'https://gitlab.com/mysql/mysql-server')).toBe(false); // not among this worker's declared sites
    expect(await runContentScriptIfWorth(services, 7, undefined)).toBe(false); // a site the browser gives no address for
    expect(tabAccess.injected).toEqual([3, 11]);
    expect(tabAccess.read).toEqual([]);
    // Each with the worker's answer for its address and the wording it shows, so the page need not ask.
    const [first, second] = tabAccess.handed;
    expect(first?.answer?.url).toBe('https://github.com/mysql/mysql-server');
    expect(first?.answer?.view).toMatchObject({ inPage: true, reply: 'github', suggestion: { productId: 'mysql', host: 'github.com' }, words: {} });
    expect(second?.answer).toMatchObject({ url: 'https://github.com/mysql/mysql-server/issues/1', view: { inPage: true, reply: 'github', suggestion: { productId: 'mysql' } } });
  });

  it('reads a question\'s tags only when its title names a catalog tag; the tags decide, unreadable or malformed ones run nothing', async () => {
    const { services, tabAccess } = await enrolledWorker();
    const question = (id: number) => `https://stackoverflow.com/questions/${id}/why-is-my-count-slow`;
    tabAccess.readable.set(4, { url: question(4), signals: { tags: ['mysql', 'innodb'] } });
    tabAccess.readable.set(8, { url: question(8), signals: { tags: ['php', 'mysql'] } });
    tabAccess.readable.set(9, { url: question(9), signals: { tags: 'mysql' } });
    tabAccess.readable.set(12, { url: question(12), signals: { tags: ['mysql'] } });
    // A question tagged mysql: reported, and the script runs, since the enrolled vendor offers MySQL on Stack Overflow.
    expect(await runContentScriptIfWorth(services, 4, question(4), 'mysql - Why is my count slow? - Stack Overflow')).toBe(true);
    expect((await services.tabs.recall(4))?.detection.keys).toContain('so-tag:stackoverflow.com:mysql');
    // The title's words count as tags too: "MySQL" in the question itself.
    expect(await runContentScriptIfWorth(services, 12, question(12), 'Why is my MySQL count slow? - Stack Overflow')).toBe(true);
    expect((await services.tabs.recall(12))?.detection.keys).toContain('so-tag:stackoverflow.com:mysql');
    // A title about php: the page is not read, even though a secondary tag would match (the popup still finds it).
    expect(await runContentScriptIfWorth(services, 8, question(8), 'php - Why is my count slow? - Stack Overflow')).toBe(false);
    expect(await services.tabs.recall(8)).toBeNull();
    expect(await runContentScriptIfWorth(services, 9, question(9), 'mysql - Why is my count slow? - Stack Overflow')).toBe(false);
    expect(await runContentScriptIfWorth(services, 10, question(10), 'mysql - Why is my count slow? - Stack Overflow')).toBe(false); // unreadable
    expect(await services.tabs.recall(9)).toBeNull();
    // No title known: the address's slug, made from the title, stands in for it.
    expect(await runContentScriptIfWorth(services, 13, 'https://stackoverflow.com/questions/13/mysql-count-slow')).toBe(false); // read, unreadable
    expect(tabAccess.read).toEqual([4, 12, 9, 10, 13]);
    expect(tabAccess.injected).toEqual([4, 12]);
  });

  it('on an ordinary page of a catalog host, reads its signals once it has an offer there: the forum software decides the reply box', async () => {
    const topic = (id: number) => `https://forums.mysql.com/t/replication-lag/${id}`;
    const unenrolled = makeWorker();
    unenrolled.tabAccess.readable.set(1, { url: topic(1), signals: { generator: 'Discourse 3.2.0' } });
    expect(await runContentScriptIfWorth(unenrolled.services, 1, topic(1))).toBe(false);
    expect(unenrolled.tabAccess.read).toEqual([]); // nothing to show: the page is not touched
    const { services, tabAccess } = await enrolledWorker();
    tabAccess.readable.set(2, { url: topic(2), signals: { generator: 'Discourse 3.2.0' } });
    expect(await runContentScriptIfWorth(services, 2, topic(2))).toBe(true);
    expect(await runContentScriptIfWorth(services, 3, topic(3))).toBe(true); // unreadable: the address alone
    expect(tabAccess.read).toEqual([2, 3]);
    expect(tabAccess.handed.map((h) => h.answer?.view.reply)).toEqual(['discourse', null]);
    expect((await services.tabs.recall(2))?.detection.site).toBe('discourse');
  });

  it('before any enrolment, reports a matched page for the popup and toolbar but runs no script: it could show nothing', async () => {
    const { services, tabAccess } = makeWorker();
    expect(await runContentScriptIfWorth(services, 3, 'https://github.com/mysql/mysql-server')).toBe(false);
    expect((await services.tabs.recall(3))?.url).toBe('https://github.com/mysql/mysql-server');
    expect(await runContentScriptIfWorth(services, 5, 'https://github.com/microlinkhq/mql')).toBe(false);
    expect(await services.tabs.recall(5)).toBeNull();
    expect(tabAccess.injected).toEqual([]);
  });

  it('forgets a report of an earlier address of the same page (a single-page move Firefox announces only as complete)', async () => {
    const { services } = await enrolledWorker();
    expect(await runContentScriptIfWorth(services, 3, 'https://github.com/mysql/mysql-server')).toBe(true);
    expect(await runContentScriptIfWorth(services, 3, 'https://github.com/settings/profile')).toBe(false);
    expect(await services.tabs.recall(3)).toBeNull();
  });

  it('on a granted site, runs it where its registered script did not run (a registration the browser dropped until the worker restored it)', async () => {
    const { services, tabAccess, siteSurface } = makeWorker();
    siteSurface.origins.add('https://discuss.example.com/*');
    await services.sites.grant('discuss.example.com');
    tabAccess.running.add(1); // its registered script ran
    expect(await runContentScriptIfWorth(services, 1, 'https://discuss.example.com/t/anything/1')).toBe(false);
    expect(await runContentScriptIfWorth(services, 2, 'https://discuss.example.com/t/anything/2')).toBe(true);
    expect(await runContentScriptIfWorth(services, 3, 'https://other.example.com/t/anything/3')).toBe(false); // not granted, not served
    expect(tabAccess.injected).toEqual([2]);
  });

  it('decides when a load completes or a loaded page moves to a new address, not while it loads', () => {
    expect(isDecisionMoment({ status: 'complete' }, { status: 'complete' })).toBe(true);
    expect(isDecisionMoment({ url: 'https://github.com/a/b' }, { status: 'complete' })).toBe(true);
    expect(isDecisionMoment({ status: 'loading', url: 'https://github.com/a/b' }, { status: 'loading' })).toBe(false);
    expect(isDecisionMoment({ url: 'https://github.com/a/b' }, { status: 'loading' })).toBe(false);
    expect(isDecisionMoment({ title: 'x' } as { status?: string }, { status: 'complete' })).toBe(false);
  });

  it('at a worker start, runs it in loaded tabs it has no report of (pages that loaded while no worker listened)', async () => {
    const { services, tabAccess, siteSurface } = await enrolledWorker();
    siteSurface.origins.add('https://discuss.example.com/*');
    await services.sites.grant('discuss.example.com');
    await services.tabs.remember(1, { url: 'https://github.com/mysql/mysql-server', detection: { pageType: 'project', site: 'github', keys: ['github:mysql/mysql-server'], confidence: 0.99 } });
    const open = [
      { id: 1, url: 'https://github.com/mysql/mysql-server' }, // reported already: it has the script
      { id: 2, url: 'https://github.com/mysql/mysql-server/issues/1' },
      { id: 3, url: 'https://github.com/microlinkhq/mql' },
      { id: 4 }, // a site the browser gives no address for
      { url: 'https://github.com/mysql/mysql-server/pulls' }, // no tab id (devtools)
      { id: 5, url: 'https://discuss.example.com/t/anything/1' }, // a granted site: always, as its registered script
      { id: 6, url: 'https://other.example.com/t/anything/1' },
    ];
    expect(await runContentScriptsInOpenTabs(services, open)).toBe(2);
    expect(tabAccess.injected).toEqual([2, 5]);
  });
});

