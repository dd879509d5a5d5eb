import { describe, expect, test } from 'vitest';
import { compileCatalog, parseCatalog, type Catalog } from '../../../src/core/catalog';
import { dockerKey, hostKey, packageKey, pathKey, repoKey, soTagKey, subredditKey } from '../../../src/core/keys';
import { brokenCatalog, postgresProduct, validCatalog } from './fixtures';

const index = () => compileCatalog([validCatalog()]);

describe('keys are normalised the way each site treats case', () => {
  test('GitHub owner/repo is case-insensitive and ignores .git and slashes', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.repositories = ['https://github.com/Postgres/Postgres.git/'];
    const idx = compileCatalog([parseCatalog(input)]);
    expect(idx.lookup('github:postgres/postgres')).toEqual([{ vendorId: 'acme', productId: 'postgresql', role: 'repository' }]);
    expect(idx.lookup(repoKey('github', 'POSTGRES/postgres'))).toHaveLength(1);
  });

  test('PyPI names follow PEP 503', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].signals.packages.pypi = ['MySQL_Connector.Python'];
    const idx = compileCatalog([parseCatalog(input)]);
    expect(idx.lookup('pypi:mysql-connector-python')).toEqual([{ vendorId: 'acme', productId: 'mysql', role: 'package' }]);
    expect(idx.lookup(packageKey('pypi', 'mysql--connector__python'))).toHaveLength(1);
  });

  test('Docker official images `_/x` and `x` live under library/', () => {
    const idx = index();
    expect(idx.lookup('docker:library/mysql')).toEqual([{ vendorId: 'acme', productId: 'mysql', role: 'image' }]);
    expect(idx.lookup(dockerKey('mysql:8.4'))).toHaveLength(1);
    expect(idx.lookup('docker:_/mysql')).toEqual([]);
  });

  test('hosts drop www. and case; host/segment entries become path keys', () => {
    const idx = index();
    expect(idx.lookup('host:mysql.com')).toEqual([{ vendorId: 'acme', productId: 'mysql', role: 'homepage' }]);
    expect(idx.lookup(hostKey('WWW.MySQL.com'))).toHaveLength(1);
    expect(idx.lookup('host:www.mysql.com')).toEqual([]);
    expect(idx.lookup(pathKey('www.postgresql.org', 'docs'))).toEqual([{ vendorId: 'acme', productId: 'postgresql', role: 'docs' }]);
    expect(idx.lookup('path:postgresql.org/docs')).toHaveLength(1);
    // A path entry does not claim the whole host.
    expect(idx.lookup('host:postgresql.org')).toEqual([]);
  });

  test('Stack Exchange tags and subreddits are lower-cased', () => {
    const idx = index();
    expect(idx.lookup(soTagKey('stackoverflow.com', 'PostgreSQL'))).toEqual([{ vendorId: 'acme', productId: 'postgresql', role: 'so-tag' }]);
    expect(idx.lookup('so-tag:stackoverflow.com:postgresql')).toHaveLength(1);
    expect(idx.lookup(subredditKey('r/MySQL'))).toEqual([{ vendorId: 'acme', productId: 'mysql', role: 'subreddit' }]);
  });
});

test('an unknown key returns an empty list', () => {
  const idx = index();
  expect(idx.lookup('github:nobody/nothing')).toEqual([]);
  expect(idx.lookup('')).toEqual([]);
});

test('keyCount counts distinct keys; product() and productsById() find products', () => {
  const idx = index();
  // mysql: repo, pypi, image, homepage, subreddit; postgresql: repo, image, docs, tag.
  expect(idx.keyCount).toBe(9);
  expect(idx.product('acme', 'postgresql')?.name).toBe('PostgreSQL');
  expect(idx.product('acme', 'redis')).toBeUndefined();
  expect(idx.product('nobody', 'mysql')).toBeUndefined();
  expect(idx.productsById('mysql').map((p) => p.vendor.id)).toEqual(['acme']);
  expect(idx.productsById('redis')).toEqual([]);
});

test('two vendors offering the same project both match its keys', () => {
  const second: Catalog = {
    schemaVersion: 1,
    vendors: [
      {
        id: 'pg-experts',
        name: 'PG Experts',
        homepage: 'https://pg.example.com',
        referral: { linkStyle: 'offer-param' },
        currency: 'EUR',
        products: [postgresProduct()],
      },
    ],
  };
  const idx = compileCatalog([validCatalog(), second]);
  expect(idx.lookup('github:postgres/postgres')).toEqual([
    { vendorId: 'acme', productId: 'postgresql', role: 'repository' },
    { vendorId: 'pg-experts', productId: 'postgresql', role: 'repository' },
  ]);
  expect(idx.productsById('postgresql').map((p) => p.vendor.id)).toEqual(['acme', 'pg-experts']);
  expect(idx.keyCount).toBe(9);
});

test("a later catalog replaces an earlier one's vendor with the same id", () => {
  const enrolled = brokenCatalog();
  enrolled.vendors[0].name = 'Acme Data (enrolled)';
  // The enrolled catalog only offers MySQL now, under a new repository.
  enrolled.vendors[0].products = [enrolled.vendors[0].products[0]];
  enrolled.vendors[0].products[0].signals.repositories = ['https://github.com/acme/mysql-fork'];
  const idx = compileCatalog([validCatalog(), parseCatalog(enrolled)]);

  expect(idx.vendors.map((v) => v.name)).toEqual(['Acme Data (enrolled)']);
  expect(idx.lookup('github:acme/mysql-fork')).toEqual([{ vendorId: 'acme', productId: 'mysql', role: 'repository' }]);
  expect(idx.lookup('github:mysql/mysql-server')).toEqual([]);
  expect(idx.lookup('github:postgres/postgres')).toEqual([]);
  expect(idx.product('acme', 'postgresql')).toBeUndefined();
});

test('the index cannot be changed through lookup results', () => {
  const idx = index();
  const matches = idx.lookup('docker:library/mysql') as unknown as unknown[];
  expect(() => matches.push({})).toThrow(TypeError);
  expect(() => (idx.lookup('unknown') as unknown as unknown[]).push({})).toThrow(TypeError);
  expect(idx.lookup('docker:library/mysql')).toHaveLength(1);
});
