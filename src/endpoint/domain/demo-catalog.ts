// The demo vendor's catalog, seeded on first start. `referral.endpoint` is filled in at serve
// time with the endpoint's own URL.
import type { Catalog } from '../../core/catalog';

export const DEMO_VENDOR_ID = 'demo-db';

export function demoCatalog(endpoint: string): Catalog {
  return {
    schemaVersion: 1,
    vendors: [
      {
        id: DEMO_VENDOR_ID,
        name: 'Demo Database Co.',
        homepage: 'https://demo-db.example.com',
        referral: { linkStyle: 'redirect', endpoint },
        currency: 'USD',
        products: [
          {
            id: 'mysql',
            name: 'MySQL',
            description: 'The open-source relational database.',
            signals: {
              repositories: ['https://github.com/mysql/mysql-server'],
              images: ['_/mysql'],
              homepages: ['www.mysql.com', 'dev.mysql.com/doc'],
              forums: ['forums.mysql.com'],
              stackExchange: [{ site: 'stackoverflow.com', tags: ['mysql'] }, { site: 'dba.stackexchange.com', tags: ['mysql'] }],
            },
            offers: [
              {
                id: 'mysql-enterprise',
                name: 'MySQL Enterprise Support',
                url: 'https://demo-db.example.com/offers/mysql-enterprise',
                adds: '24/7 support, hot backup, audit log and thread pool.',
                commission: { kind: 'percent', value: 10, period: 'first-year' },
              },
            ],
          },
          {
            id: 'postgresql',
            name: 'PostgreSQL',
            description: 'The advanced open-source relational database.',
            signals: {
              repositories: ['https://github.com/postgres/postgres'],
              images: ['_/postgres'],
              homepages: ['www.postgresql.org'],
              docs: ['www.postgresql.org/docs'],
              subreddits: ['PostgreSQL'],
              stackExchange: [{ site: 'stackoverflow.com', tags: ['postgresql'] }],
            },
            offers: [
              {
                id: 'postgresql-support',
                name: 'PostgreSQL Production Support',
                url: 'https://demo-db.example.com/offers/postgresql-support',
                adds: 'Round-the-clock support with a one-hour response time.',
                commission: { kind: 'percent', value: 15, period: 'recurring' },
              },
              {
                id: 'postgresql-health-check',
                name: 'PostgreSQL Health Check',
                url: 'https://demo-db.example.com/offers/postgresql-health-check',
                adds: 'A one-off expert review of configuration, queries and backups.',
                commission: { kind: 'fixed', value: 200, currency: 'USD', period: 'one-time' },
              },
            ],
          },
          {
            id: 'redis',
            name: 'Redis',
            description: 'The in-memory data store.',
            signals: {
              repositories: ['https://github.com/redis/redis'],
              images: ['_/redis'],
              packages: { npm: ['redis', 'ioredis'], pypi: ['redis'] },
              homepages: ['redis.io'],
              stackExchange: [{ site: 'stackoverflow.com', tags: ['redis'] }],
            },
            offers: [
              {
                id: 'redis-cloud-pro',
                name: 'Managed Redis Pro',
                url: 'https://demo-db.example.com/offers/redis-cloud-pro',
                adds: 'Managed clusters with active-active replication and backups.',
                commission: { kind: 'percent', value: 20, period: 'first-year' },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Where a visitor lands when a code cannot be trusted: the vendor's plain pricing page. */
export const plainOfferPage = (homepage: string) => `${homepage.replace(/\/$/, '')}/pricing`;
