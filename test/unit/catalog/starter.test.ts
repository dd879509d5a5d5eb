import { describe, expect, test } from 'vitest';
import { compileCatalog, parseCatalog, signalKeys, starterCatalog } from '../../../src/core/catalog';

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
        expect(index.lookup(key)).toContainEqual({ vendorId: vendor.id, productId: id, role: 'repository' });
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
    const keySets = offerings.map(({ product }) => signalKeys(product.signals).map((k) => k.key).sort());
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

test('single-project Stack Exchange sites map their tags to that project', () => {
  const productsOf = (key: string) => [...new Set(index.lookup(key).map((m) => m.productId))];
  expect(productsOf('so-tag:wordpress.stackexchange.com:wp-query')).toEqual(['wordpress']);
  expect(productsOf('so-tag:drupal.stackexchange.com:8')).toEqual(['drupal']);
  expect(productsOf('so-tag:magento.stackexchange.com:magento2')).toEqual(['magento']);
  // The same tag name on another site means nothing by itself.
  expect(productsOf('so-tag:stackoverflow.com:views')).toEqual([]);
});

test("customers' sites on a vendor's subdomains are not claimed (Odoo hosts them on *.odoo.com)", () => {
  expect(index.lookup('host:odoo.com')).toEqual([]);
  expect(index.lookup('path:odoo.com/forum').map((m) => m.productId)).toEqual(['odoo']);
});
