// DOM signals read from small fixtures that reproduce each site's markup, then fed to the detector.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, parseDocument, readHtml } from '../../../src/cli/page';
import { compileCatalog, starterCatalog } from '../../../src/core/catalog/index';
import { readDomSignals } from '../../../src/content/signals';
import { detectPage } from '../../../src/core/detect/index';
import type { DomSignals, PageType } from '../../../src/core/detect/types';

const FIXTURES = join(import.meta.dirname, '../../fixtures/detect');
const starter = compileCatalog([starterCatalog]);
const signalsOf = (file: string) => readDomSignals(parseDocument(readHtml(join(FIXTURES, file))));

interface Case {
  file: string;
  url: string;
  signals: DomSignals;
  pageType: PageType;
  site: string;
  keys: string[];
}

const cases: Case[] = [
  {
    file: 'github-repo.html',
    url: 'https://github.com/mysql/mysql-server',
    signals: { canonicalUrl: 'https://github.com/mysql/mysql-server', repoNwo: 'mysql/mysql-server' },
    pageType: 'project',
    site: 'github',
    keys: ['github:mysql/mysql-server', 'github-org:mysql'],
  },
  {
    file: 'stackoverflow-question.html',
    url: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow',
    signals: { canonicalUrl: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', tags: ['mysql', 'innodb', 'performance'] },
    pageType: 'forum',
    site: 'stackexchange',
    keys: ['so-tag:stackoverflow.com:mysql', 'so-tag:stackoverflow.com:innodb', 'so-tag:stackoverflow.com:performance', 'host:stackoverflow.com'],
  },
  {
    file: 'dba-stackexchange-question.html',
    url: 'https://dba.stackexchange.com/questions/21068/autovacuum-not-keeping-up',
    signals: { canonicalUrl: 'https://dba.stackexchange.com/questions/21068/autovacuum-not-keeping-up', tags: ['postgresql', 'vacuum'] },
    pageType: 'forum',
    site: 'stackexchange',
    keys: ['so-tag:dba.stackexchange.com:postgresql', 'so-tag:dba.stackexchange.com:vacuum', 'host:dba.stackexchange.com'],
  },
  {
    file: 'discourse-topic.html',
    url: 'https://community.grafana.com/t/alert-rule-stuck-in-pending/98765',
    signals: {
      generator: 'Discourse 3.4.0.beta3 - https://github.com/discourse/discourse version 2d0f8b1a',
      canonicalUrl: 'https://community.grafana.com/t/alert-rule-stuck-in-pending/98765',
      forumSoftware: 'discourse',
    },
    pageType: 'forum',
    site: 'discourse',
    keys: ['path:community.grafana.com/t', 'host:community.grafana.com', 'host:grafana.com'],
  },
  {
    file: 'phpbb-topic.html',
    url: 'https://forums.example.org/viewtopic.php?t=1234',
    signals: { canonicalUrl: 'https://forums.example.org/viewtopic.php?t=1234', forumSoftware: 'phpbb' },
    pageType: 'forum',
    site: 'phpbb',
    keys: ['path:forums.example.org/viewtopic.php', 'host:forums.example.org', 'host:example.org'],
  },
  {
    file: 'xenforo-thread.html',
    url: 'https://forum.example.net/threads/best-backup-tool.5678/',
    signals: { canonicalUrl: 'https://forum.example.net/threads/best-backup-tool.5678/', forumSoftware: 'xenforo' },
    pageType: 'forum',
    site: 'xenforo',
    keys: ['path:forum.example.net/threads', 'host:forum.example.net', 'host:example.net'],
  },
  {
    file: 'flarum-discussion.html',
    url: 'https://discuss.example.dev/d/321-cannot-connect-to-the-cluster',
    signals: { canonicalUrl: 'https://discuss.example.dev/d/321-cannot-connect-to-the-cluster', forumSoftware: 'flarum' },
    pageType: 'forum',
    site: 'flarum',
    keys: ['path:discuss.example.dev/d', 'host:discuss.example.dev', 'host:example.dev'],
  },
  {
    file: 'vbulletin-thread.html',
    url: 'https://www.example-forum.com/showthread.php?t=42',
    signals: { generator: 'vBulletin 4.2.5', canonicalUrl: 'https://www.example-forum.com/showthread.php?t=42' },
    pageType: 'forum',
    site: 'vbulletin',
    keys: ['path:example-forum.com/showthread.php', 'host:example-forum.com'],
  },
  {
    file: 'reddit-post.html',
    url: 'https://www.reddit.com/r/PostgreSQL/comments/1abcde/vacuum_full_vs_pg_repack/',
    signals: { canonicalUrl: 'https://www.reddit.com/r/PostgreSQL/comments/1abcde/vacuum_full_vs_pg_repack/' },
    pageType: 'forum',
    site: 'reddit',
    keys: ['subreddit:postgresql'],
  },
  {
    file: 'wordpress-blog.html',
    url: 'https://blog.example.com/2024/05/tuning-mysql-on-a-small-vps/',
    signals: { generator: 'WordPress 6.5.2', canonicalUrl: 'https://blog.example.com/2024/05/tuning-mysql-on-a-small-vps/' },
    pageType: 'other',
    site: 'web',
    keys: ['path:blog.example.com/2024', 'host:blog.example.com', 'host:example.com'],
  },
  {
    file: 'gitlab-issue.html',
    url: 'https://gitlab.com/gitlab-org/gitlab/-/issues/412345',
    signals: { canonicalUrl: 'https://gitlab.com/gitlab-org/gitlab/-/issues/412345' },
    pageType: 'forum',
    site: 'gitlab',
    keys: ['gitlab:gitlab-org/gitlab'],
  },
  {
    file: 'npm-package.html',
    url: 'https://www.npmjs.com/package/@elastic/elasticsearch',
    signals: { canonicalUrl: 'https://www.npmjs.com/package/@elastic/elasticsearch' },
    pageType: 'project',
    site: 'npm',
    keys: ['npm:@elastic/elasticsearch'],
  },
  {
    file: 'github-org-discussions.html',
    url: 'https://github.com/orgs/supabase/discussions/21000',
    signals: { canonicalUrl: 'https://github.com/orgs/supabase/discussions/21000' },
    pageType: 'forum',
    site: 'github',
    keys: ['github-org:supabase'],
  },
  { file: 'blank.html', url: 'https://static.example.com/', signals: {}, pageType: 'other', site: 'web', keys: ['host:static.example.com', 'host:example.com'] },
];

describe('readDomSignals + detectPage on site fixtures', () => {
  it.each(cases)('$file', ({ file, url, signals, pageType, site, keys }) => {
    const read = signalsOf(file);
    expect(read).toEqual(signals);
    const d = detectPage(url, read);
    expect({ pageType: d.pageType, site: d.site, keys: d.keys }).toEqual({ pageType, site, keys });
  });

  it.each([
    ['github-repo.html', ['mysql']],
    ['stackoverflow-question.html', ['mysql']],
    ['dba-stackexchange-question.html', ['postgresql']],
    ['discourse-topic.html', ['grafana']],
    ['reddit-post.html', ['postgresql']],
    ['gitlab-issue.html', ['gitlab']],
    ['npm-package.html', ['elasticsearch']],
    ['github-org-discussions.html', ['supabase']],
    ['wordpress-blog.html', []],
    ['phpbb-topic.html', []],
  ])('%s matches %j in the starter catalog', (file, products) => {
    const url = cases.find((c) => c.file === file)!.url;
    expect(analyse(url, signalsOf(file), starter).products).toEqual(products);
  });

  it('DOM tags confirm a question page (higher confidence than the URL alone)', () => {
    const url = cases[1]!.url;
    expect(detectPage(url, signalsOf('stackoverflow-question.html')).confidence).toBeGreaterThan(detectPage(url).confidence);
  });

  it('a repository meta that disagrees with the URL does not confirm it', () => {
    const url = 'https://github.com/mysql/mysql-server';
    expect(detectPage(url, { repoNwo: 'mysql/mysql-server' }).confidence).toBeGreaterThan(detectPage(url, { repoNwo: 'evil/thing' }).confidence);
    expect(detectPage(url, { repoNwo: 'evil/thing' }).keys).toEqual(['github:mysql/mysql-server', 'github-org:mysql']);
  });

  it('reads tags only on question pages, and at most 10', () => {
    const many = Array.from({ length: 15 }, (_, i) => `<a class="post-tag">t${i}</a>`).join('');
    const page = (canonical: string) =>
      readDomSignals(parseDocument(`<html><head><link rel="canonical" href="${canonical}"></head><body><div class="post-taglist">${many}</div></body></html>`));
    expect(page('https://stackoverflow.com/questions/1/x').tags).toHaveLength(10);
    expect(page('https://stackoverflow.com/questions/tagged/mysql').tags).toBeUndefined();
  });

  it('needs both Flarum markers (stylesheet path and #flarum-loading)', () => {
    const css = '<link rel="stylesheet" href="/assets/forum.css?v=1">';
    const loading = '<div id="flarum-loading"></div>';
    const read = (head: string, body: string) => readDomSignals(parseDocument(`<html><head>${head}</head><body>${body}</body></html>`));
    expect(read(css, loading).forumSoftware).toBe('flarum');
    expect(read(css, '').forumSoftware).toBeUndefined();
    expect(read('', loading).forumSoftware).toBeUndefined();
  });

  it('ignores forum markers that are not known software', () => {
    expect(detectPage('https://x.example/', { forumSoftware: 'evilware', generator: 'Hugo 0.120' }).pageType).toBe('other');
  });
});
