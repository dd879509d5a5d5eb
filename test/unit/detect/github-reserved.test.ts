// GitHub's own top-level pages are never repositories, including those github-reserved-names lacks.
import reservedNames from 'github-reserved-names/reserved-names.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../src/core/detect/index';
import { EXTRA_RESERVED } from '../../../src/core/detect/github';

const PACKAGE = new Set(reservedNames as string[]);

describe('GitHub paths that are not repositories', () => {
  it('the extra list only holds names the package lacks (drop a name once the package has it)', () => {
    expect(EXTRA_RESERVED.filter((name) => PACKAGE.has(name))).toEqual([]);
    expect(new Set(EXTRA_RESERVED).size).toBe(EXTRA_RESERVED.length);
    for (const name of EXTRA_RESERVED) expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each([
    'https://github.com/solutions/use-case/devops',
    'https://github.com/solutions/industry/healthcare',
    'https://github.com/models',
    'https://github.com/premium-support',
    'https://github.com/trust-center',
    'https://github.com/accelerator',
    'https://github.com/mcp',
    'https://github.com/mcp/some-server',
  ])('%s is GitHub’s own page: no repository, no owner', (url) => {
    expect(detectPage(url)).toMatchObject({ pageType: 'other', site: 'github', keys: [] });
  });

  it('a package-reserved path stays reserved, and an owner whose name only starts like one is still an owner', () => {
    expect(detectPage('https://github.com/marketplace/actions/checkout')).toMatchObject({ pageType: 'other', keys: [] });
    expect(detectPage('https://github.com/solutions-inc/tool')).toMatchObject({ pageType: 'project', keys: ['github:solutions-inc/tool', 'github-org:solutions-inc'] });
    expect(detectPage('https://github.com/community/community/discussions/1')).toMatchObject({ pageType: 'forum' });
  });
});
