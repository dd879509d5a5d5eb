// Which pages of Advocate's sites get the content script: decided from the address alone, so
// pages about nothing in the catalog cost nothing. Against the real starter catalog.
import { describe, expect, it } from 'vitest';
import { compileCatalog, starterCatalog } from '../../../src/core/catalog/index';
import { worthReading } from '../../../src/core/match/worth-reading';

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
    ]) expect(worthReading(url, index), url).toBe(true);
  });

  it('runs it on every Stack Exchange question, whose tags only the page shows', () => {
    for (const url of ['https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch', 'https://dba.stackexchange.com/questions/42/x', 'https://superuser.com/q/7', 'https://stackoverflow.com/a/12345']) {
      expect(worthReading(url, index), url).toBe(true);
    }
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
    ]) expect(worthReading(url, index), url).toBe(false);
  });
});
