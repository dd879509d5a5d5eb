// Which pages of Advocate's sites get the content script: decided from the address (and a
// question's tags), so pages about nothing in the catalog cost nothing. Against the real starter catalog.
import { describe, expect, it } from 'vitest';
import { compileCatalog, starterCatalog } from '../../../src/core/catalog/index';
import { matchesWithSignals, worthReading } from '../../../src/core/match/worth-reading';

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
    ]) expect(worthReading(url, index), url).toBe('script');
  });

  it('reads a Stack Exchange question\'s signals first, since only the page shows its tags; the tags decide', () => {
    for (const url of ['https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch', 'https://dba.stackexchange.com/questions/42/x', 'https://superuser.com/q/7', 'https://stackoverflow.com/a/12345']) {
      expect(worthReading(url, index), url).toBe('signals');
    }
    const question = 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow';
    expect(matchesWithSignals(question, { tags: ['mysql', 'innodb'] }, index)).toBe(true);
    expect(matchesWithSignals(question, { tags: ['git', 'git-branch'] }, index)).toBe(false);
    expect(matchesWithSignals(question, {}, index)).toBe(false);
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
    ]) expect(worthReading(url, index), url).toBe('no');
  });
});
