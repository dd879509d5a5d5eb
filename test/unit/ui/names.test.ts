import { afterEach, describe, expect, it } from 'vitest';
import { normaliseReferralCode } from '../../../src/core/referral/code';
import { ACHIEVEMENT_LEVELS } from '../../../src/core/credential/schema';
import { groupCode, levelName, siteName } from '../../../src/ui/names';
import { de, installI18n, removeI18n } from '../../messages';

describe('site names as the sites write them', () => {
  it.each([
    ['github', 'https://github.com/mysql/mysql-server', 'GitHub'],
    ['stackexchange', 'https://stackoverflow.com/questions/1', 'Stack Overflow'],
    ['stackexchange', 'https://pt.stackoverflow.com/questions/1', 'Stack Overflow'],
    ['stackexchange', 'https://meta.stackoverflow.com/questions/1', 'Meta Stack Overflow'],
    ['stackexchange', 'https://serverfault.com/q/2', 'Server Fault'],
    ['stackexchange', 'https://dba.stackexchange.com/questions/3', 'Stack Exchange (dba)'],
    ['dockerhub', 'https://hub.docker.com/_/mysql', 'Docker Hub'],
    ['pypi', 'https://pypi.org/project/psycopg/', 'PyPI'],
    ['discourse', 'https://discuss.elastic.co/t/1', 'discuss.elastic.co'],
    ['web', 'https://www.postgresql.org/docs/', 'postgresql.org'],
  ])('%s at %s is %s', (site, url, name) => {
    expect(siteName(site, url)).toBe(name);
  });
});

describe('referral codes grouped for reading aloud', () => {
  it('groups of four with hyphens, the same code once normalised', () => {
    const code = '0123456789ABCDEFGHJKMNPQ';
    expect(groupCode(code)).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ');
    expect(groupCode(code.toLowerCase())).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ');
    // what is read aloud and typed back is the same code
    expect(normaliseReferralCode(groupCode(code))).toBe(normaliseReferralCode(code));
  });
});

describe('certification levels in the practitioner’s language', () => {
  afterEach(removeI18n);

  it('names each of the schema’s levels, a missing one as "certified", an unknown one as written', () => {
    installI18n('de');
    expect(ACHIEVEMENT_LEVELS.map(levelName)).toEqual(['Associate', 'Professional', 'Expert']);
    expect(levelName(undefined)).toBe(de('levelCertified'));
    expect(levelName('grandmaster')).toBe('grandmaster');
    expect(levelName('constructor')).toBe('constructor'); // not a property of the map's prototype
    installI18n('en');
    expect(ACHIEVEMENT_LEVELS.map(levelName)).toEqual(['associate', 'professional', 'expert']);
  });
});
