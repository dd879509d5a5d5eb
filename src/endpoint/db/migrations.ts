// Versioned migrations, applied in name order at start. Never edit a released migration;
// add the next one. Only portable DDL (kysely's schema builder) so PostgreSQL runs them too.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
  // Money made right: deals reviewed by the vendor, refunds kept until their order arrives,
  // commission rows that say why they exist, payout statements, unique e-mails.
  '0002_money': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('practitioners_email').on('practitioners').column('email').unique().execute();

      await db.schema.alterTable('deals').addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')).execute();
      await db.schema.alterTable('deals').addColumn('reviewed_at', 'text').execute();
      await db.schema.alterTable('deals').addColumn('expires_at', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('deals_practitioner_status').on('deals').columns(['practitioner_id', 'status']).execute();

      // The redirect writes a click row per visit: every index is paid on the hot path, so
      // clicks keep only the unique (code, day, visitor) key and the one stats needs.
      await db.schema.dropIndex('clicks_visitor').execute();
      await db.schema.dropIndex('clicks_practitioner').execute();
      await db.schema.createIndex('clicks_practitioner_code').on('clicks').columns(['practitioner_id', 'code']).execute();

      await db.schema.alterTable('conversions').addColumn('received_at', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('conversions').addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('conversions').addColumn('order_currency', 'text').execute();
      await db.schema.alterTable('conversions').addColumn('order_amount', 'bigint').execute();

      // Clawbacks are extra rows for one conversion, so the table is rebuilt without the unique
      // constraint on conversion_id (portable: create, copy, drop, rename).
      await db.schema
        .createTable('commissions_v2')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversion_id', 'text', (c) => c.notNull().references('conversions.id'))
        .addColumn('practitioner_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('gross', 'bigint', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('self_referral', 'integer', (c) => c.notNull())
        .addColumn('reason_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('statement_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into commissions_v2 (id, conversion_id, practitioner_id, kind, gross, amount, currency, state, self_referral, reason_json, note, statement_id, created_at, updated_at)
        select id, conversion_id, practitioner_id, 'order', amount, amount, currency, state, self_referral, '{}', note, null, created_at, updated_at from commissions`.execute(db);
      await db.schema.dropTable('commissions').execute();
      await db.schema.alterTable('commissions_v2').renameTo('commissions').execute();
      await db.schema.createIndex('commissions_conversion').on('commissions').column('conversion_id').execute();
      await db.schema.createIndex('commissions_practitioner_state').on('commissions').columns(['practitioner_id', 'state']).execute();
      await db.schema.createIndex('commissions_statement').on('commissions').column('statement_id').execute();

      await db.schema
        .createTable('refunds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text')
        .execute();
      await db.schema.createIndex('refunds_order').on('refunds').column('order_id').execute();

      await db.schema
        .createTable('statements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('paid_at', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('statements_practitioner').on('statements').column('practitioner_id').execute();
    },
  },
  // Open Badges 3.0 credentials any verifier accepts: each certification gets its place in the
  // Bitstring Status List (random, unique) and keeps the credential as last issued, served at
  // GET /v1/credentials/:id; signed status lists are kept per URL, so every instance serves the same.
  '0004_credentials': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('certifications').addColumn('status_index', 'integer').execute();
      await db.schema.alterTable('certifications').addColumn('issued_at', 'text').execute();
      await db.schema.alterTable('certifications').addColumn('document', 'text').execute();
      await db.schema.createIndex('certifications_status_index').on('certifications').column('status_index').unique().execute();
      await db.schema
        .createTable('status_lists')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('revoked_digest', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .execute();
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
