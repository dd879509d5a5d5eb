// A small valid catalog that tests break one field at a time.
import type { Catalog, Product } from '../../../src/core/catalog';

export function postgresProduct(): Product {
  return {
    id: 'postgresql',
    name: 'PostgreSQL',
    description: 'Open-source object-relational database.',
    signals: {
      repositories: ['https://github.com/postgres/postgres'],
      images: ['_/postgres'],
      docs: ['www.postgresql.org/docs'],
      stackExchange: [{ site: 'stackoverflow.com', tags: ['postgresql'] }],
    },
    offers: [
      {
        id: 'support',
        name: 'Postgres Support',
        url: 'https://vendor.example.com/postgres',
        adds: 'Adds 24x7 support.',
        commission: { kind: 'percent', value: 10, period: 'first-year' },
      },
    ],
  };
}

export function validCatalog(): Catalog {
  return {
    schemaVersion: 1,
    vendors: [
      {
        id: 'acme',
        name: 'Acme Data',
        homepage: 'https://acme.example.com',
        referral: { linkStyle: 'redirect', endpoint: 'https://advocate.acme.example.com/' },
        currency: 'USD',
        products: [
          {
            id: 'mysql',
            name: 'MySQL',
            description: 'Open-source relational database.',
            signals: {
              repositories: ['https://github.com/mysql/mysql-server'],
              packages: { pypi: ['mysql-connector-python'] },
              images: ['_/mysql'],
              homepages: ['www.mysql.com'],
              subreddits: ['mysql'],
            },
            offers: [
              {
                id: 'enterprise',
                name: 'MySQL Enterprise',
                url: 'https://acme.example.com/mysql',
                adds: 'Adds backup, audit and 24x7 support.',
                commission: { kind: 'fixed', value: 200, currency: 'USD', period: 'one-time' },
              },
            ],
          },
          postgresProduct(),
        ],
      },
    ],
  };
}

/** A mutable deep copy of the valid catalog, typed loosely so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const brokenCatalog = (): any => structuredClone(validCatalog());
