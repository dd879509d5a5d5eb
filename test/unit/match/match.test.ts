import { describe, expect, it } from 'vitest';
import { compileCatalog, parseCatalog, starterCatalog } from '../../../src/core/catalog/index';
import { detectPage } from '../../../src/core/detect/index';
import type { DomSignals } from '../../../src/core/detect/types';
import { matchPage } from '../../../src/core/match/index';

const offer = (id: string) => ({ id, name: `${id} plan`, url: `https://vendor.example/${id}`, adds: 'Support and extra features.', commission: { kind: 'percent', value: 10, period: 'first-year' } });

// A tiny catalog through the real parser and compiler: two vendors share 'dbx'; 'dbx' and 'cachey'
// share a docs host; 'dbx' also has a forum on a sub-host and a mailing list under a path.
const tiny = compileCatalog([
  parseCatalog({
    schemaVersion: 1,
    vendors: [
      {
        id: 'acme', name: 'Acme', homepage: 'https://acme.example', referral: { linkStyle: 'offer-param' }, currency: 'USD',
        products: [
          {
            id: 'dbx', name: 'DBX', description: 'A database.',
            signals: {
              repositories: ['https://github.com/dbx/dbx'],
              packages: { npm: ['@dbx/client'] },
              images: ['_/dbx'],
              homepages: ['dbx.example'],
              forums: ['forum.dbx.example'],
              mailingLists: ['lists.example.org/dbx-users'],
              subreddits: ['DBX'],
              stackExchange: [{ site: 'stackoverflow.com', tags: ['dbx'] }],
              githubOrgs: ['dbx'],
            },
            offers: [offer('dbx-pro')],
          },
          {
            id: 'cachey', name: 'Cachey', description: 'A cache.',
            signals: { repositories: ['https://github.com/cachey/cachey'], docs: ['docs.shared.example'], stackExchange: [{ site: 'stackoverflow.com', tags: ['cachey'] }] },
            offers: [offer('cachey-cloud')],
          },
        ],
      },
      {
        id: 'other-co', name: 'Other Co', homepage: 'https://other.example', referral: { linkStyle: 'offer-param' }, currency: 'EUR',
        products: [
          { id: 'dbx', name: 'DBX', description: 'A database.', signals: { repositories: ['https://github.com/dbx/dbx'], docs: ['docs.shared.example'] }, offers: [offer('dbx-support')] },
        ],
      },
    ],
  }),
]);

const match = (url: string, signals?: DomSignals) => matchPage(detectPage(url, signals), tiny);
const ids = (url: string, signals?: DomSignals) => match(url, signals).products.map((p) => p.productId);

describe('matchPage on a tiny catalog', () => {
  it('a repository page names its product with every vendor offer', () => {
    const m = match('https://github.com/DBX/dbx/releases');
    expect(m.pageType).toBe('project');
    expect(m.products).toHaveLength(1);
    expect(m.products[0]).toMatchObject({ productId: 'dbx', name: 'DBX', matchedBy: ['github:dbx/dbx'] });
    expect(m.products[0]!.offers.map((o) => [o.vendorId, o.vendorName, o.offer.id])).toEqual([
      ['acme', 'Acme', 'dbx-pro'],
      ['other-co', 'Other Co', 'dbx-support'],
    ]);
  });

  it("an unlisted repository of a product's organisation falls back to the org; a listed one does not need it", () => {
    expect(match('https://github.com/dbx/dbx-operator/issues/2')).toMatchObject({ pageType: 'forum', products: [{ productId: 'dbx', matchedBy: ['github-org:dbx'] }] });
    expect(match('https://github.com/dbx/dbx').products[0]!.matchedBy).toEqual(['github:dbx/dbx']);
    expect(match('https://github.com/someone/dbx').products).toEqual([]);
    // org evidence is dropped when the page names another product at repository level
    const both = matchPage({ pageType: 'project', site: 'test', confidence: 1, keys: ['github:cachey/cachey', 'github-org:dbx'] }, tiny);
    expect(both.products.map((p) => p.productId)).toEqual(['cachey']);
  });

  it('package and image pages match', () => {
    expect(ids('https://www.npmjs.com/package/@dbx/client')).toEqual(['dbx']);
    expect(ids('https://hub.docker.com/_/dbx')).toEqual(['dbx']);
  });

  it('forum pages match by tag and subreddit; generic tags match nothing', () => {
    expect(ids('https://stackoverflow.com/questions/1/x', { tags: ['python', 'dbx'] })).toEqual(['dbx']);
    expect(ids('https://stackoverflow.com/questions/tagged/python')).toEqual([]);
    expect(ids('https://www.reddit.com/r/dbx/comments/1/x')).toEqual(['dbx']);
  });

  it('an org discussion matches by org, never by repository', () => {
    const m = match('https://github.com/orgs/dbx/discussions/3');
    expect(m.pageType).toBe('forum');
    expect(m.products.map((p) => [p.productId, p.matchedBy])).toEqual([['dbx', ['github-org:dbx']]]);
  });

  it('de-duplicates products and orders them by strength of evidence', () => {
    // Same tier and the same number of keys: page order.
    expect(ids('https://stackoverflow.com/questions/tagged/cachey+dbx')).toEqual(['cachey', 'dbx']);
    const detect = (keys: string[]) => matchPage({ pageType: 'project', site: 'test', confidence: 1, keys: keys as never }, tiny);
    // A repository outranks a tag and a docs host, even when those come first on the page.
    const m = detect(['so-tag:stackoverflow.com:dbx', 'host:docs.shared.example', 'github:cachey/cachey']);
    expect(m.products.map((p) => p.productId)).toEqual(['cachey', 'dbx']);
    expect(m.products[0]!.matchedBy).toEqual(['host:docs.shared.example', 'github:cachey/cachey']);
    expect(m.products[1]!.matchedBy).toEqual(['so-tag:stackoverflow.com:dbx', 'host:docs.shared.example']);
    // Within a tier, more matching keys come first.
    expect(detect(['github:cachey/cachey', 'github:dbx/dbx', 'npm:@dbx/client']).products.map((p) => p.productId)).toEqual(['dbx', 'cachey']);
  });

  it("upgrades an 'other' page named by the catalog: homepage/docs -> project, forum/mailing list -> forum", () => {
    expect(match('https://dbx.example/pricing')).toMatchObject({ pageType: 'project', products: [{ productId: 'dbx' }] });
    expect(match('https://forum.dbx.example/t/slow/9')).toMatchObject({ pageType: 'forum', products: [{ productId: 'dbx' }] });
    expect(match('https://lists.example.org/dbx-users/2024/msg1.html')).toMatchObject({ pageType: 'forum', products: [{ productId: 'dbx' }] });
    expect(match('https://lists.example.org/other-list/')).toMatchObject({ pageType: 'other', products: [] });
    const shared = match('https://docs.shared.example/guide');
    expect(shared.pageType).toBe('project');
    expect(shared.products.map((p) => p.productId).sort()).toEqual(['cachey', 'dbx']);
    expect(shared.confidence).toBeGreaterThan(detectPage('https://docs.shared.example/guide').confidence);
  });

  it('a parent domain vouches for homepage/docs only, never for a forum', () => {
    expect(match('https://blog.dbx.example/post')).toMatchObject({ pageType: 'project', products: [{ productId: 'dbx' }] });
    expect(match('https://x.forum.dbx.example/')).toMatchObject({ pageType: 'project' }); // via dbx.example, not the forum host
  });

  it('unknown pages match nothing and keep their type', () => {
    expect(match('https://blog.example.com/mysql-tips')).toMatchObject({ pageType: 'other', products: [] });
    expect(match('https://github.com/settings')).toMatchObject({ pageType: 'other', products: [] });
    expect(match('javascript:void(0)')).toMatchObject({ pageType: 'other', site: 'none', products: [] });
  });
});

describe('matchPage on the starter catalog', () => {
  const starter = compileCatalog([starterCatalog]);
  const productsOf = (url: string, signals?: DomSignals) => matchPage(detectPage(url, signals), starter).products.map((p) => p.productId);

  it.each([
    ['https://github.com/mysql/mysql-server', 'mysql'],
    ['https://github.com/postgres/postgres', 'postgresql'],
    ['https://github.com/redis/redis/issues/1', 'redis'],
    ['https://hub.docker.com/_/mariadb', 'mariadb'],
    ['https://stackoverflow.com/questions/tagged/apache-kafka', 'kafka'],
    ['https://www.reddit.com/r/PostgreSQL/', 'postgresql'],
    ['https://meta.discourse.org/t/x/1', 'discourse'],
  ])('%s -> %s', (url, product) => expect(productsOf(url)[0]).toBe(product));

  it('a Stack Overflow question tagged only [python] matches nothing', () => {
    expect(productsOf('https://stackoverflow.com/questions/1/x', { tags: ['python', 'list'] })).toEqual([]);
  });
});

describe('legacy signals and discontinued products', () => {
  const base = { homepage: 'https://x.example', referral: { linkStyle: 'offer-param' }, currency: 'USD' };
  const index = compileCatalog([
    parseCatalog({
      schemaVersion: 1,
      vendors: [
        {
          ...base, id: 'acme', name: 'Acme',
          products: [
            {
              id: 'objstore', name: 'ObjStore', description: 'Object storage.',
              signals: {
                repositories: [{ value: 'https://github.com/objstore/objstore', legacy: 'Archived in April 2026.' }, 'https://github.com/objstore/objstore-go'],
                images: [{ value: 'objstore/objstore', legacy: 'No longer updated.' }],
                stackExchange: [{ site: 'stackoverflow.com', tags: ['objstore'] }],
              },
              offers: [offer('objstore-enterprise')],
            },
          ],
        },
        {
          ...base, id: 'gone-co', name: 'Gone Co',
          products: [
            {
              id: 'objstore', name: 'ObjStore', description: 'Object storage.',
              signals: { repositories: ['https://github.com/objstore/objstore', 'https://github.com/objstore/objstore-go'], images: ['objstore/objstore'] },
              offers: [],
              discontinued: { reason: 'Gone Co stopped selling ObjStore support in 2026.' },
            },
          ],
        },
      ],
    }),
  ]);
  const at = (url: string, signals?: DomSignals) => matchPage(detectPage(url, signals), index).products;

  it('a legacy signal still names the product, with why it is old; current signals carry no such note', () => {
    expect(index.lookup('github:objstore/objstore')).toEqual([
      { vendorId: 'acme', productId: 'objstore', role: 'repository', legacy: 'Archived in April 2026.' },
      { vendorId: 'gone-co', productId: 'objstore', role: 'repository' },
    ]);
    const [p] = at('https://github.com/objstore/objstore/issues/9');
    expect(p).toMatchObject({ productId: 'objstore', legacy: [{ key: 'github:objstore/objstore', reason: 'Archived in April 2026.' }] });
    expect(at('https://hub.docker.com/r/objstore/objstore')[0]!.legacy).toEqual([{ key: 'docker:objstore/objstore', reason: 'No longer updated.' }]);
    expect(at('https://github.com/objstore/objstore-go')[0]!.legacy).toBeUndefined();
    expect(at('https://stackoverflow.com/questions/1/x', { tags: ['objstore'] })[0]!.legacy).toBeUndefined();
  });

  it('a discontinued product shows no offer of that vendor, with the reason, while other vendors still offer theirs', () => {
    const [p] = at('https://github.com/objstore/objstore-go');
    expect(p!.offers.map((o) => [o.vendorId, o.offer.id])).toEqual([['acme', 'objstore-enterprise']]);
    expect(p!.discontinued).toEqual([{ vendorId: 'gone-co', vendorName: 'Gone Co', reason: 'Gone Co stopped selling ObjStore support in 2026.' }]);
  });

  it('when the only vendor discontinued it, the page is still recognised, with no offer', () => {
    const only = compileCatalog([parseCatalog({ schemaVersion: 1, vendors: [index.vendors[1]] })]);
    const m = matchPage(detectPage('https://github.com/objstore/objstore'), only);
    expect(m.products).toEqual([
      { productId: 'objstore', name: 'ObjStore', offers: [], matchedBy: ['github:objstore/objstore'], discontinued: [expect.objectContaining({ vendorId: 'gone-co' })] },
    ]);
  });
});
