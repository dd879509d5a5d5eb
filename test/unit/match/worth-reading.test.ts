// Which pages of Advocate's sites get the content script: decided from the address (and a
// question's tags), so pages about nothing in the catalog cost nothing. Against the real starter catalog.
import { describe, expect, it } from 'vitest';
import { compileCatalog, starterCatalog } from '../../../src/core/catalog/index';
import { matchWithSignals, titleTags, worthReading } from '../../../src/core/match/worth-reading';

const index = compileCatalog([starterCatalog]);

describe('worthReading', () => {
  it('runs the script where the address names a catalog product', () => {
    for (const url of [
      'https://github.com/mysql/mysql-server',
      'https://github.com/mysql/mysql-server/issues/1',
      'https://github.com/mysql/some-other-repo', // the product's GitHub organisation
      'https://www.npmjs.com/package/@mysql/xdevapi',
      'https://stackoverflow.com/questions/tagged/mysql',
      'https://forums.mysql.com/list.php?20',
      'https://dev.mysql.com/doc/refman/8.4/en/',
    ]) expect(worthReading(url, index).worth, url).toBe('script');
  });

  it('reads a Stack Exchange question\'s signals only when its title names a catalog tag; the tags decide', () => {
    for (const [url, title] of [
      ['https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', 'mysql - Why is my InnoDB count slow? - Stack Overflow'],
      ['https://dba.stackexchange.com/questions/42/x', 'Replication lag in MySQL 8 - Database Administrators Stack Exchange'],
      ['https://stackoverflow.com/q/7', 'redis - Keys vanish - Stack Overflow'],
      ['https://stackoverflow.com/a/12345', undefined], // no title, no slug: read
      ['https://stackoverflow.com/questions/1/connect-to-mysql-from-php', undefined], // the slug stands in for the title
    ] as const) expect(worthReading(url, index, title).worth, url).toBe('signals');
    for (const [url, title] of [
      ['https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch', 'version control - How do I delete a Git branch locally and remotely? - Stack Overflow'],
      ['https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch', undefined],
      ['https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', 'php - Why is my InnoDB count slow? - Stack Overflow'],
    ] as const) expect(worthReading(url, index, title).worth, url).toBe('no');
    const question = 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow';
    expect(matchWithSignals(question, { tags: ['mysql', 'innodb'] }, index)?.match.products[0]?.name).toMatch(/MySQL/);
    expect(matchWithSignals(question, { tags: ['git', 'git-branch'] }, index)).toBeNull();
    expect(matchWithSignals(question, {}, index)).toBeNull();
  });

  it('reads a title\'s tags as Stack Exchange spells them: its words and hyphenated runs, without the site\'s name', () => {
    expect(titleTags('sql server - Why is C++ slow? - Stack Overflow')).toEqual(expect.arrayContaining(['sql-server', 'c++', 'sql', 'slow', 'why-is-c++']));
    expect(titleTags('Upgrade Node.js. - Stack Overflow')).toContain('node.js');
    expect(titleTags('Upgrade Node.js. - Stack Overflow')).not.toContain('stack');
    expect(titleTags('how-do-i-delete-a-git-branch')).toContain('git-branch');
    expect(titleTags('')).toEqual([]);
  });

  it('leaves pages about nothing in the catalog alone', () => {
    for (const url of [
      'https://github.com/microlinkhq/mql',
      'https://github.com/',
      'https://github.com/settings/profile',
      'https://www.npmjs.com/package/left-pad',
      'https://stackoverflow.com/questions/tagged/git',
      'https://stackoverflow.com/users/1/someone',
      'https://www.reddit.com/r/aww/',
      'https://example.org/questions/2003505/x',
      'not a url',
    ]) expect(worthReading(url, index).worth, url).toBe('no');
  });
});
