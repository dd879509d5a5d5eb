import { describe, expect, test } from 'vitest';
import { CatalogError, parseCatalog } from '../../../src/core/catalog';
import { brokenCatalog, postgresProduct, validCatalog } from './fixtures';

/** Runs parseCatalog on bad input and returns the CatalogError it must throw. */
function rejection(input: unknown): CatalogError {
  try {
    parseCatalog(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('parseCatalog accepted bad input');
}

/** The error names the vendor, the product and the field, in its fields and in its message. */
function expectNamed(error: CatalogError, field: string, productId: string | undefined, vendorId = 'acme') {
  expect(error.field).toBe(field);
  expect(error.vendorId).toBe(vendorId);
  expect(error.productId).toBe(productId);
  expect(error.message).toContain(field);
  if (productId) expect(error.message).toContain(`product "${productId}"`);
}

test('a valid catalog parses to the same data', () => {
  expect(parseCatalog(validCatalog())).toEqual(validCatalog());
});

describe('CatalogError names the product and the field', () => {
  test('missing field', () => {
    const input = brokenCatalog();
    delete input.vendors[0].products[1].offers[0].adds;
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].offers[0].adds', 'postgresql');
    expect(error.message).toMatch(/required/);
  });

  test('wrong type', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].offers[0].commission.value = '10';
    expectNamed(rejection(input), 'vendors[0].products[0].offers[0].commission.value', 'mysql');
  });

  test('misspelt (unknown) field', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.repositorys = ['https://github.com/postgres/postgres'];
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].signals.repositorys', 'postgresql');
    expect(error.message).toMatch(/unknown field/);
  });

  test('a fixed commission without a currency', () => {
    const input = brokenCatalog();
    delete input.vendors[0].products[0].offers[0].commission.currency;
    expectNamed(rejection(input), 'vendors[0].products[0].offers[0].commission.currency', 'mysql');
  });

  test('duplicate vendor ids', () => {
    const input = brokenCatalog();
    input.vendors.push(structuredClone(input.vendors[0]));
    const error = rejection(input);
    expectNamed(error, 'vendors[1].id', undefined);
    expect(error.message).toMatch(/duplicate vendor id "acme"/);
  });

  test('duplicate product ids within a vendor', () => {
    const input = brokenCatalog();
    input.vendors[0].products.push({ ...postgresProduct(), signals: {} });
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[2].id', 'postgresql');
    expect(error.message).toMatch(/duplicate product id/);
  });

  test('duplicate offer ids within a product', () => {
    const input = brokenCatalog();
    const offers = input.vendors[0].products[1].offers;
    offers.push({ ...offers[0], name: 'Another plan' });
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].offers[1].id', 'postgresql');
    expect(error.message).toMatch(/duplicate offer id "support"/);
  });

  test('a key claimed by two products of the same vendor', () => {
    const input = brokenCatalog();
    // Written differently, but both normalise to github:postgres/postgres.
    input.vendors[0].products[0].signals.repositories.push('https://github.com/Postgres/Postgres.git');
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].signals.repositories[0]', 'postgresql');
    expect(error.message).toContain('github:postgres/postgres');
    expect(error.message).toContain('product "mysql"');
  });

  test('the same key twice in one product', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.images.push('postgres');
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].signals.images[1]', 'postgresql');
    expect(error.message).toContain('docker:library/postgres');
  });

  test('a non-https offer URL', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].offers[0].url = 'http://vendor.example.com/postgres';
    expectNamed(rejection(input), 'vendors[0].products[1].offers[0].url', 'postgresql');
  });

  test('a non-https vendor homepage', () => {
    const input = brokenCatalog();
    input.vendors[0].homepage = 'http://acme.example.com';
    expectNamed(rejection(input), 'vendors[0].homepage', undefined);
  });

  test('a repository on an unknown host', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.repositories = ['https://git.postgresql.org/gitweb/?p=postgresql.git'];
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[1].signals.repositories[0]', 'postgresql');
    expect(error.message).toMatch(/github\.com, gitlab\.com, codeberg\.org or bitbucket\.org/);
  });

  test('a repository URL that is not owner/repo', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.repositories = ['https://github.com/postgres'];
    expectNamed(rejection(input), 'vendors[0].products[1].signals.repositories[0]', 'postgresql');
  });

  test('a host entry with more than one path segment', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.docs = ['www.postgresql.org/docs/current'];
    expectNamed(rejection(input), 'vendors[0].products[1].signals.docs[0]', 'postgresql');
  });

  test('a Stack Exchange site that is not one', () => {
    const input = brokenCatalog();
    input.vendors[0].products[1].signals.stackExchange[0].site = 'stackoverflow.org';
    expectNamed(rejection(input), 'vendors[0].products[1].signals.stackExchange[0].site', 'postgresql');
  });

  test('a redirect vendor without an endpoint', () => {
    const input = brokenCatalog();
    delete input.vendors[0].referral.endpoint;
    expectNamed(rejection(input), 'vendors[0].referral.endpoint', undefined);
  });

  test('an id that is not a slug', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].id = 'MySQL Server';
    expectNamed(rejection(input), 'vendors[0].products[0].id', 'MySQL Server');
  });
});

test('a local reference endpoint over http on 127.0.0.1 is accepted, other http endpoints are not', () => {
  const local = brokenCatalog();
  local.vendors[0].referral.endpoint = 'http://127.0.0.1:8787/';
  expect(parseCatalog(local).vendors[0]?.referral.endpoint).toBe('http://127.0.0.1:8787/');

  const remote = brokenCatalog();
  remote.vendors[0].referral.endpoint = 'http://advocate.acme.example.com/';
  expect(rejection(remote).field).toBe('vendors[0].referral.endpoint');
});

test('two vendors may offer the same project with the same keys', () => {
  const input = brokenCatalog();
  input.vendors.push({ ...structuredClone(input.vendors[0]), id: 'other-vendor', name: 'Other' });
  const catalog = parseCatalog(input);
  expect(catalog.vendors.map((v) => v.id)).toEqual(['acme', 'other-vendor']);
});

test('non-object input is rejected at the root', () => {
  for (const input of [null, 42, 'catalog']) expect(rejection(input).field).toBe('');
});
