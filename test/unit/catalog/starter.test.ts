import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileCatalog, parseCatalog, signalKeys, starterCatalog, STARTER_FILES, type Offer, type Product, type Vendor } from '../../../src/core/catalog';
import { reviewStarter } from '../../../src/core/catalog/review';
import { detectPage } from '../../../src/core/detect';
import { matchPage } from '../../../src/core/match';

const REQUIRED = [
  'mysql', 'mariadb', 'postgresql', 'redis', 'elasticsearch', 'opensearch', 'grafana', 'kafka', 'gitlab',
  'nextcloud', 'odoo', 'wordpress', 'drupal', 'ansible', 'kubernetes', 'nginx', 'clickhouse', 'cassandra',
  'rabbitmq', 'keycloak', 'mattermost', 'matomo', 'metabase', 'superset', 'airflow', 'spark', 'neo4j',
  'jenkins', 'temporal', 'traefik', 'kong', 'moodle', 'magento', 'liferay', 'minio', 'ceph', 'supabase',
  'vitess', 'nats', 'discourse',
];

const parsed = parseCatalog(structuredClone(starterCatalog));
const index = compileCatalog([parsed]);
const allProducts = parsed.vendors.flatMap((vendor) => vendor.products.map((product) => ({ vendor, product })));

test('the starter catalog passes validation unchanged', () => {
  expect(parsed).toEqual(starterCatalog);
});

test('every vendor file passes the starter review (the build runs the same review)', () => {
  expect(reviewStarter(STARTER_FILES, new Date()).errors).toEqual([]);
});

test('every JSON file of the starter folder is bundled, and nothing else', () => {
  const onDisk = readdirSync(join(import.meta.dirname, '../../../src/core/catalog/starter')).filter((f) => f.endsWith('.json')).sort();
  expect(STARTER_FILES.map((f) => f.file).sort()).toEqual(onDisk);
});

test('it contains every required product id', () => {
  const ids = new Set(allProducts.map(({ product }) => product.id));
  expect(REQUIRED.filter((id) => !ids.has(id))).toEqual([]);
});

describe('every required product', () => {
  test.each(REQUIRED)('%s has a repository key that leads back to it', (id) => {
    const offerings = index.productsById(id);
    expect(offerings.length).toBeGreaterThan(0);
    for (const { vendor, product } of offerings) {
      const repos = signalKeys(product.signals).filter((k) => k.role === 'repository');
      expect(repos.length).toBeGreaterThan(0);
      for (const { key } of repos) {
        expect(index.lookup(key)).toContainEqual(expect.objectContaining({ vendorId: vendor.id, productId: id, role: 'repository' }));
      }
    }
  });
});

test('the well-known pages of a few projects resolve to them', () => {
  const productsOf = (key: string) => [...new Set(index.lookup(key).map((m) => m.productId))];
  expect(productsOf('github:mysql/mysql-server')).toEqual(['mysql']);
  expect(productsOf('gitlab:gitlab-org/gitlab')).toEqual(['gitlab']);
  expect(productsOf('docker:library/postgres')).toEqual(['postgresql']);
  expect(productsOf('npm:@elastic/elasticsearch')).toEqual(['elasticsearch']);
  expect(productsOf('go:github.com/redis/go-redis/v9')).toEqual(['redis']);
  expect(productsOf('host:discuss.elastic.co')).toEqual(['elasticsearch']);
  expect(productsOf('path:postgresql.org/message-id')).toEqual(['postgresql']);
  expect(productsOf('path:moodle.org/mod')).toEqual(['moodle']);
  expect(productsOf('so-tag:stackoverflow.com:apache-kafka')).toEqual(['kafka']);
  expect(productsOf('so-tag:dba.stackexchange.com:mariadb')).toEqual(['mariadb']);
  expect(productsOf('subreddit:postgresql')).toEqual(['postgresql']);
});

// Keys that many unrelated pages carry would wreck detection precision.
test('no shared hosts, generic tags or broad subreddits', () => {
  const SHARED_HOSTS = [
    'github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'stackoverflow.com', 'reddit.com',
    'apache.org', 'lists.apache.org', 'groups.google.com', 'medium.com', 'dev.to', 'npmjs.com', 'pypi.org',
    'hub.docker.com', 'docker.com', 'youtube.com', 'oracle.com', 'ibm.com', 'redhat.com', 'adobe.com',
    // Stack Exchange sites about many products: only their tags may name one.
    'serverfault.com', 'superuser.com', 'dba.stackexchange.com', 'askubuntu.com', 'unix.stackexchange.com', 'softwareengineering.stackexchange.com',
  ];
  const GENERIC_TAGS = ['database', 'sql', 'nosql', 'java', 'python', 'javascript', 'linux', 'docker', 'cloud', 'search', 'cache', 'api', 'php'];
  const BROAD_SUBREDDITS = ['selfhosted', 'sysadmin', 'devops', 'programming', 'database', 'homelab', 'opensource'];

  const keys = allProducts.flatMap(({ product }) => signalKeys(product.signals).map((k) => k.key));
  expect(keys.filter((k) => SHARED_HOSTS.some((h) => k === `host:${h}` || k.startsWith(`path:${h}/`)))).toEqual([]);
  expect(keys.filter((k) => GENERIC_TAGS.some((t) => k.endsWith(`:${t}`) && k.startsWith('so-tag:')))).toEqual([]);
  expect(keys.filter((k) => BROAD_SUBREDDITS.some((s) => k === `subreddit:${s}`))).toEqual([]);
  expect(keys.filter((k) => k === 'github-org:apache')).toEqual([]);
});

test('a project offered by several vendors is described identically by each', () => {
  for (const id of new Set(allProducts.map(({ product }) => product.id))) {
    const offerings = index.productsById(id);
    const keySets = offerings.map(({ product }) => signalKeys(product.signals).map((k) => `${k.key} ${k.legacy ?? ''}`).sort());
    for (const keys of keySets) expect(keys).toEqual(keySets[0]);
  }
});

test('every offer states what it adds in one sentence', () => {
  for (const { product } of allProducts) {
    for (const offer of product.offers) {
      expect(offer.adds, `${product.id}/${offer.id}`).toMatch(/^Adds [^.!?]+(?:\.[^ .!?][^.!?]*)*\.$/);
    }
  }
});

describe('a Stack Exchange site about one product names it, with or without a matching tag', () => {
  const productsAt = (url: string, tags?: string[]) => matchPage(detectPage(url, tags ? { tags } : {}), index).products.map((p) => p.productId);
  test.each([
    ['https://wordpress.stackexchange.com/questions/1/filter-the-loop', 'wordpress'],
    ['https://drupal.stackexchange.com/questions/2/a-views-question', 'drupal'],
    ['https://magento.stackexchange.com/questions/3/checkout-totals', 'magento'],
  ])('%s -> %s', (url, product) => {
    expect(productsAt(url)).toEqual([product]);
    expect(productsAt(url, ['some-tag-nobody-lists'])).toEqual([product]);
    expect(matchPage(detectPage(url), index).pageType).toBe('forum');
  });

  test('a general site still needs a tag, and its tags keep naming products', () => {
    expect(productsAt('https://dba.stackexchange.com/questions/4/x', ['index-tuning'])).toEqual([]);
    expect(productsAt('https://dba.stackexchange.com/questions/4/x', ['mariadb'])).toEqual(['mariadb']);
    expect(productsAt('https://stackoverflow.com/questions/5/x', ['views'])).toEqual([]);
    expect(productsAt('https://wordpress.meta.stackexchange.com/questions/6/x')).toEqual([]);
  });
});

test("customers' sites on a vendor's subdomains are not claimed (Odoo hosts them on *.odoo.com)", () => {
  expect(index.lookup('host:odoo.com')).toEqual([]);
  expect(index.lookup('path:odoo.com/forum').map((m) => m.productId)).toEqual(['odoo']);
});

// The corrections of the mid-2026 review against vendors' own pages (issue 11), each with its source.
describe('the starter catalog says what the public sources say', () => {
  const REVIEWED = '2026-12-01';
  const vendor = (id: string): Vendor => parsed.vendors.find((v) => v.id === id)!;
  const product = (vendorId: string, productId: string): Product => vendor(vendorId).products.find((p) => p.id === productId)!;
  const offer = (vendorId: string, productId: string, offerId: string): Offer => product(vendorId, productId).offers.find((o) => o.id === offerId)!;
  /** The signal entry written for `value` in a product, wherever it sits. */
  const signal = (vendorId: string, productId: string, value: string) => {
    const found = signalKeys(product(vendorId, productId).signals).find((k) => (typeof k.entry === 'string' ? k.entry : k.entry.value) === value);
    if (!found) throw new Error(`${vendorId}/${productId} has no signal ${value}`);
    return found;
  };
  const reviewed = (x: { source?: string; checked?: string; unverified?: true }, source: RegExp) => {
    expect(x.source).toMatch(source);
    expect(x.checked).toBe(REVIEWED);
    expect(x.unverified).toBeUndefined();
  };
  const legacyIn = (vendorId: string, productId: string, value: string, source: RegExp, reason: RegExp) => {
    const s = signal(vendorId, productId, value);
    expect(s.legacy).toMatch(reason);
    if (typeof s.entry === 'string') throw new Error('legacy entries are objects');
    reviewed(s.entry, source);
    // Still detected: the key leads to the product, marked old.
    expect(index.lookup(s.key)).toContainEqual({ vendorId, productId, role: s.role, legacy: s.legacy });
  };
  const current = (vendorId: string, productId: string, value: string, source?: RegExp) => {
    const s = signal(vendorId, productId, value);
    expect(s.legacy).toBeUndefined();
    if (source) {
      if (typeof s.entry === 'string') throw new Error(`${value} should name its source`);
      reviewed(s.entry, source);
    }
  };

  test('MySQL: Community has InnoDB encryption; Enterprise adds key management. mysql/mysql-server is a legacy image', () => {
    const adds = offer('oracle', 'mysql', 'mysql-enterprise');
    expect(adds.adds).not.toMatch(/transparent data encryption/i);
    expect(adds.adds).toMatch(/KMIP/);
    reviewed(adds, /^https:\/\/dev\.mysql\.com\/doc\/refman\/.*keyring/);
    for (const v of ['oracle', 'aiven']) {
      legacyIn(v, 'mysql', 'mysql/mysql-server', /^https:\/\/hub\.docker\.com\/r\/mysql\/mysql-server$/, /Oracle.*own registry/);
      current(v, 'mysql', '_/mysql');
    }
    // Not confirmed either way: kept, marked old and listed for checking.
    const lists = signal('oracle', 'mysql', 'lists.mysql.com');
    expect(lists.legacy).toMatch(/could not be confirmed/);
    expect(lists.entry).toMatchObject({ unverified: true });
  });

  test('Liferay: the DXP page, quarterly releases, the forum on discuss.liferay.com', () => {
    const dxp = offer('liferay', 'liferay', 'liferay-dxp');
    expect(dxp.url).toBe('https://www.liferay.com/products/dxp');
    expect(dxp.adds).not.toMatch(/fix pack/i);
    expect(dxp.adds).toMatch(/quarterly releases/);
    reviewed(dxp, /^https:\/\/www\.liferay\.com\/products\/dxp$/);
    current('liferay', 'liferay', 'discuss.liferay.com', /^https:\/\/discuss\.liferay\.com\/$/);
    legacyIn('liferay', 'liferay', 'liferay.dev/ask', /^https:\/\/liferay\.dev\/ask$/, /Read-only/);
    expect(matchPage(detectPage('https://discuss.liferay.com/t/some-topic/123'), index)).toMatchObject({ pageType: 'forum', products: [{ productId: 'liferay' }] });
  });

  test('MinIO: the community edition is source-only and its repository and image are old; AIStor stays', () => {
    expect(product('minio', 'minio').description).toMatch(/source-only since October 2025/);
    legacyIn('minio', 'minio', 'https://github.com/minio/minio', /^https:\/\/github\.com\/minio\/minio$/, /maintenance since December 2025.*archived in April 2026/);
    legacyIn('minio', 'minio', 'minio/minio', /^https:\/\/hub\.docker\.com\/r\/minio\/minio$/, /No longer updated/);
    expect(product('minio', 'minio').offers.map((o) => o.id)).toEqual(['aistor']);
    const m = matchPage(detectPage('https://github.com/minio/minio'), index);
    expect(m.products[0]).toMatchObject({ productId: 'minio', offers: [{ offer: { id: 'aistor' } }], legacy: [{ key: 'github:minio/minio' }] });
  });

  test('Kong: the open-source gateway stopped at 3.9.x; kong/kong-gateway is current', () => {
    legacyIn('kong', 'kong', '_/kong', /^https:\/\/hub\.docker\.com\/_\/kong$/, /3\.9\.x/);
    current('kong', 'kong', 'kong/kong-gateway', /^https:\/\/hub\.docker\.com\/r\/kong\/kong-gateway$/);
  });

  test('owners: Confluent and DataStax are IBM companies; MariaDB is no longer a plc', () => {
    expect(vendor('confluent').name).toBe('Confluent, an IBM company');
    expect(vendor('datastax').name).toBe('DataStax, an IBM Company');
    expect(vendor('mariadb').name).toBe('MariaDB');
    for (const id of ['confluent', 'datastax', 'mariadb']) reviewed(vendor(id), /^https:\/\//);
    const text = JSON.stringify(parsed);
    expect(text).not.toMatch(/MariaDB plc/);
  });

  test('signals added from the review, and images now old', () => {
    current('f5', 'nginx', 'community.nginx.org', /^https:\/\/community\.nginx\.org\/$/);
    current('temporal', 'temporal', 'temporalio/temporal', /hub\.docker\.com\/r\/temporalio\/temporal$/);
    current('temporal', 'temporal', 'temporalio/admin-tools', /hub\.docker\.com\/r\/temporalio\/admin-tools$/);
    legacyIn('temporal', 'temporal', 'temporalio/auto-setup', /hub\.docker\.com\/r\/temporalio\/auto-setup$/, /Deprecated/);
    current('clickhouse', 'clickhouse', '_/clickhouse', /hub\.docker\.com\/_\/clickhouse$/);
    current('neo4j', 'neo4j', 'github.com/neo4j/neo4j-go-driver/v6', /github\.com\/neo4j\/neo4j-go-driver$/);
    legacyIn('grafana-labs', 'grafana', 'grafana/grafana-oss', /hub\.docker\.com\/r\/grafana\/grafana-oss$/, /12\.4/);
    legacyIn('redis', 'redis', 'redis/redis-stack', /hub\.docker\.com\/r\/redis\/redis-stack$/, /December 2025/);
  });

  test('"adds" sentences say only what a source supports', () => {
    const premium = offer('gitlab', 'gitlab', 'premium');
    expect(premium.adds).toMatch(/priority support/);
    expect(premium.adds).toMatch(/epics and roadmaps/);
    expect(premium.adds).not.toMatch(/enterprise agile planning/i);
    reviewed(premium, /^https:\/\/about\.gitlab\.com\//);
    const preset = offer('preset', 'superset', 'preset-cloud');
    expect(preset.adds).not.toMatch(/Superset contributors/);
    expect(preset.adds).toMatch(/on eligible plans/);
    reviewed(preset, /^https:\/\/preset\.io\//);
    const matomo = offer('innocraft', 'matomo', 'matomo-cloud');
    expect(matomo.adds).toMatch(/on eligible plans/);
    reviewed(matomo, /^https:\/\/matomo\.org\//);
  });
});
