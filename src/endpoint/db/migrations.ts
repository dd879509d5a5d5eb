// Versioned migrations, applied in name order at start. Never edit a released migration;
// add the next one. Only portable DDL (kysely's schema builder) so PostgreSQL runs them too.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();

      await db.schema
        .createTable('practitioners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'bigint', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('enrolment_code_hash', 'text', (c) => c.unique())
        .addColumn('enrolment_code_expires_at', 'text')
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('referral_secret', 'text')
        .addColumn('enrolled_at', 'text')
        .addColumn('left_at', 'text')
        .execute();

      await db.schema
        .createTable('certifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('certifications_practitioner').on('certifications').column('practitioner_id').execute();

      await db.schema
        .createTable('referrals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('campaign', 'text')
        .addColumn('page_url', 'text')
        .addColumn('page_host', 'text')
        .addColumn('give_back_url', 'text')
        .addColumn('give_back_percent', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('referrals_practitioner').on('referrals').column('practitioner_id').execute();

      await db.schema
        .createTable('deals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('customer_name', 'text', (c) => c.notNull())
        .addColumn('customer_domain', 'text', (c) => c.notNull())
        .addColumn('expected_seats', 'integer')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deals_domain').on('deals').columns(['customer_domain', 'product_id']).execute();

      await db.schema
        .createTable('ingest_results')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('practitioner_id', 'text', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ingest_results_pk', ['kind', 'id'])
        .execute();

      await db.schema
        .createTable('clicks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('practitioner_id', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('visitor_hash', 'text', (c) => c.notNull())
        .addColumn('clicked_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('clicks_once_per_visitor_day', ['code', 'day', 'visitor_hash'])
        .execute();
      await db.schema.createIndex('clicks_visitor').on('clicks').columns(['day', 'visitor_hash']).execute();
      await db.schema.createIndex('clicks_practitioner').on('clicks').column('practitioner_id').execute();

      await db.schema.createTable('daily_salts').addColumn('day', 'text', (c) => c.primaryKey()).addColumn('salt', 'text', (c) => c.notNull()).execute();

      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('conversions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().unique())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text')
        .addColumn('customer_key', 'text', (c) => c.notNull())
        .addColumn('customer_domain', 'text')
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('attribution', 'text', (c) => c.notNull())
        .addColumn('practitioner_id', 'text')
        .addColumn('code', 'text')
        .addColumn('deal_id', 'text')
        .addColumn('refunded_at', 'text')
        .execute();
      await db.schema.createIndex('conversions_customer').on('conversions').columns(['customer_key', 'product_id']).execute();
      await db.schema.createIndex('conversions_code').on('conversions').column('code').execute();

      await db.schema
        .createTable('commissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversion_id', 'text', (c) => c.notNull().unique().references('conversions.id'))
        .addColumn('practitioner_id', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('self_referral', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commissions_practitioner').on('commissions').column('practitioner_id').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`);
  }
}
