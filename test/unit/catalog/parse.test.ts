import { describe, expect, test } from 'vitest';
import { CatalogError, catalogProblems, parseCatalog } from '../../../src/core/catalog';
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

describe('provenance, legacy signals and discontinued products', () => {
  test('a signal may be written as an object that says why it is old, and compiles to the same key', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].signals.images = [{ value: '_/mysql', legacy: 'No longer updated.', source: 'https://hub.docker.com/_/mysql', checked: '2026-12-01' }];
    input.vendors[0].products[0].source = 'https://github.com/mysql/mysql-server';
    input.vendors[0].products[0].checked = '2026-12-01';
    input.vendors[0].products[0].offers[0].unverified = true;
    const catalog = parseCatalog(input);
    expect(catalog.vendors[0]!.products[0]!.signals.images).toEqual([input.vendors[0].products[0].signals.images[0]]);
  });

  test('a misspelt field inside a signal object, and a signal that is neither text nor an object', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].signals.images = [{ value: '_/mysql', legasy: 'old' }];
    const error = rejection(input);
    expectNamed(error, 'vendors[0].products[0].signals.images[0].legasy', 'mysql');
    expect(error.message).toMatch(/unknown field/);

    const number = brokenCatalog();
    number.vendors[0].products[0].signals.images = [42];
    const numberError = rejection(number);
    expectNamed(numberError, 'vendors[0].products[0].signals.images[0]', 'mysql');
    expect(numberError.message).toMatch(/text, or an object with "value"/);
  });

  test('a bad value inside a signal object is blamed on its value', () => {
    const input = brokenCatalog();
    input.vendors[0].products[0].signals.images = [{ value: 'Not An Image', legacy: 'old' }];
    expectNamed(rejection(input), 'vendors[0].products[0].signals.images[0].value', 'mysql');
  });

  test('checked is a real calendar day, source an https URL', () => {
    for (const checked of ['2026-02-30', '2026-12-01T00:00:00Z', '01/12/2026']) {
      const input = brokenCatalog();
      input.vendors[0].products[0].checked = checked;
      expectNamed(rejection(input), 'vendors[0].products[0].checked', 'mysql');
    }
    const input = brokenCatalog();
    input.vendors[0].products[0].offers[0].source = 'http://vendor.example.com/';
    expectNamed(rejection(input), 'vendors[0].products[0].offers[0].source', 'mysql');
  });

  test('a discontinued product has no offers; any other product has one at least', () => {
    const stopped = brokenCatalog();
    stopped.vendors[0].products[0].offers = [];
    stopped.vendors[0].products[0].discontinued = { reason: 'The vendor no longer sells MySQL support.' };
    expect(parseCatalog(stopped).vendors[0]!.products[0]!.discontinued?.reason).toMatch(/no longer/);

    const withOffers = brokenCatalog();
    withOffers.vendors[0].products[0].discontinued = { reason: 'Stopped.' };
    const error = rejection(withOffers);
    expectNamed(error, 'vendors[0].products[0].offers', 'mysql');
    expect(error.message).toMatch(/discontinued product shows no offer/);

    const none = brokenCatalog();
    none.vendors[0].products[0].offers = [];
    expect(rejection(none).message).toMatch(/at least one offer/);
  });

  test('hosts follow the shared domain-name rule (lower case, a real top-level label)', () => {
    for (const host of ['Forum.Example.com', 'forum.example.123', 'localhost']) {
      const input = brokenCatalog();
      input.vendors[0].products[0].signals.homepages = [host];
      expectNamed(rejection(input), 'vendors[0].products[0].signals.homepages[0]', 'mysql');
    }
  });
});

test('catalogProblems lists every problem, one per field, where parseCatalog stops at the first', () => {
  const input = brokenCatalog();
  input.vendors[0].homepage = 'ftp://acme.example.com';
  input.vendors[0].products[1].offers[0].adds = '';
  input.vendors[0].products[0].signals.repositories.push('https://github.com/postgres/postgres');
  expect(catalogProblems(input).map((e) => e.field)).toEqual(['vendors[0].homepage', 'vendors[0].products[1].offers[0].adds']);
  expect(rejection(input).field).toBe('vendors[0].homepage');
  // Cross-entry rules run once the shapes are right, and list every clash.
  const clashes = brokenCatalog();
  clashes.vendors[0].products[0].signals.repositories.push('https://github.com/postgres/postgres');
  clashes.vendors[0].products[0].signals.images.push('postgres');
  expect(catalogProblems(clashes).map((e) => e.field)).toEqual(['vendors[0].products[1].signals.repositories[0]', 'vendors[0].products[1].signals.images[0]']);
  expect(catalogProblems(validCatalog())).toEqual([]);
});

test('a Stack Exchange site is named as the detector knows it, and as a forum only whole', () => {
  const chat = brokenCatalog();
  chat.vendors[0].products[1].signals.stackExchange[0].site = 'chat.stackexchange.com';
  expectNamed(rejection(chat), 'vendors[0].products[1].signals.stackExchange[0].site', 'postgresql');
  const meta = brokenCatalog();
  meta.vendors[0].products[1].signals.stackExchange[0].site = 'dba.meta.stackexchange.com';
  expect(parseCatalog(meta).vendors[0]!.products[1]!.signals.stackExchange![0]!.site).toBe('dba.meta.stackexchange.com');

  const whole = brokenCatalog();
  whole.vendors[0].products[1].signals.forums = ['postgresql.stackexchange.com'];
  expect(parseCatalog(whole).vendors[0]!.products[1]!.signals.forums).toEqual(['postgresql.stackexchange.com']);
  const part = brokenCatalog();
  part.vendors[0].products[1].signals.forums = ['dba.stackexchange.com/questions'];
  const error = rejection(part);
  expectNamed(error, 'vendors[0].products[1].signals.forums[0]', 'postgresql');
  expect(error.message).toMatch(/as a whole/);
});
