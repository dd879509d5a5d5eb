// POST /v1/referrals and /v1/deals: batches of at most 100, idempotent for ever by client id.
// Each item's answer is stored with it and replayed when the item is resent, so a resent batch
// answers the same bytes and changes nothing. One bad item is rejected on its own.
import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { normaliseReferralCode, verifyReferralCode } from '../../core/referral/code';
import { issuesToFieldErrors } from '../../core/protocol/problem';
import { DealBatchSchema, DealInputSchema, ItemIdSchema, ReferralBatchSchema, ReferralInputSchema, type DealInput, type ItemResult, type ReferralInput } from '../../core/protocol/ingest';
import type { App } from '../app';
import type { Database } from '../db/schema';
import { DAY_MS } from '../domain/commission';
import { readJson } from '../http/body';
import { sendJson } from '../http/problem';
import type { AppRoute, Ctx } from './types';

const rejected = (id: string, title: string, detail: string): ItemResult => ({ id, status: 'rejected', error: { title, detail } });

function invalidItem(id: string, issues: readonly v.BaseIssue<unknown>[]): ItemResult {
  const first = issuesToFieldErrors(issues)[0]!;
  return rejected(id, 'Invalid item', `${first.path || 'item'} ${first.message}.`);
}

interface Caller {
  id: string;
  secret: Uint8Array | null;
}

type Checked<T> = { id: string; ok: true; value: T } | { id: string; ok: false; result: ItemResult; store: boolean };

interface Kind<T> {
  name: 'referral' | 'deal';
  /** Checks that need no transaction (schema, catalog, MAC). */
  check(app: App, me: Caller, item: T): Promise<ItemResult | null>;
  /** Checks against stored rows, then the insert; returns a rejection instead of inserting. */
  insert(trx: Transaction<Database>, app: App, practitionerId: string, item: T, onCommit: (() => void)[]): Promise<ItemResult | null>;
}

function checkCatalog(app: App, item: { id: string; vendorId: string; productId: string; offerId?: string }): ItemResult | null {
  const id = item.id;
  const vendorId = app.catalog.vendors[0]!.id;
  if (item.vendorId !== vendorId) return rejected(id, 'Unknown vendor', `This endpoint serves vendor "${vendorId}", not "${item.vendorId}".`);
  const product = app.products.get(item.productId);
  if (!product) return rejected(id, 'Unknown product', `Vendor "${vendorId}" has no product "${item.productId}".`);
  if (item.offerId !== undefined && !product.offers.has(item.offerId)) {
    return rejected(id, 'Unknown offer', `Product "${item.productId}" has no offer "${item.offerId}".`);
  }
  return null;
}

const referralKind: Kind<ReferralInput> = {
  name: 'referral',
  async check(app, me, item) {
    const catalogProblem = checkCatalog(app, item);
    if (catalogProblem) return catalogProblem;
    if (!me.secret || !(await verifyReferralCode(item.code, me.secret))) {
      return rejected(item.id, 'Invalid referral code', 'The code does not verify under your referral secret: it was not created by your enrolment, or it was altered.');
    }
    return null;
  },
  async insert(trx, app, practitionerId, item, onCommit) {
    const code = normaliseReferralCode(item.code)!;
    const taken = await trx.selectFrom('referrals').select('id').where('code', '=', code).executeTakeFirst();
    if (taken) return rejected(item.id, 'Duplicate code', `Code ${code} already belongs to referral ${taken.id}; create a new code for a new referral.`);
    await trx
      .insertInto('referrals')
      .values({
        id: item.id,
        practitioner_id: practitionerId,
        code,
        product_id: item.productId,
        offer_id: item.offerId,
        channel: item.channel,
        campaign: item.campaign ?? null,
        page_url: item.pageUrl ?? null,
        page_host: item.pageHost ?? null,
        give_back_url: item.giveBack?.url ?? null,
        give_back_percent: item.giveBack?.percent ?? null,
        created_at: item.createdAt,
        received_at: app.now().toISOString(),
      })
      .execute();
    onCommit.push(() => app.referralOffers.set(code, item.offerId));
    return null;
  },
};

const dealKind: Kind<DealInput> = {
  name: 'deal',
  async check(app, _me, item) {
    return checkCatalog(app, item);
  },
  async insert(trx, app, practitionerId, item) {
    // First registration wins: another practitioner's live deal for the same customer blocks this one.
    const since = new Date(app.now().getTime() - app.attributionDays * DAY_MS).toISOString();
    const other = await trx
      .selectFrom('deals')
      .select(['id'])
      .where('customer_domain', '=', item.customerDomain)
      .where('product_id', '=', item.productId)
      .where('practitioner_id', '<>', practitionerId)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    if (other) return rejected(item.id, 'Deal already registered', `Another practitioner registered ${item.customerDomain} for ${item.productId} within the last ${app.attributionDays} days.`);
    await trx
      .insertInto('deals')
      .values({
        id: item.id,
        practitioner_id: practitionerId,
        product_id: item.productId,
        customer_name: item.customerName,
        customer_domain: item.customerDomain,
        expected_seats: item.expectedSeats ?? null,
        note: item.note ?? null,
        created_at: item.createdAt,
        received_at: app.now().toISOString(),
      })
      .execute();
    return null;
  },
};

async function ingest<T>(ctx: Ctx, kind: Kind<T>, schema: v.GenericSchema<unknown, T>, items: unknown[]): Promise<void> {
  const { app, practitionerId } = ctx;
  const row = await app.db.selectFrom('practitioners').select('number').where('id', '=', practitionerId).executeTakeFirstOrThrow();
  const me: Caller = { id: practitionerId, secret: app.secrets.get(Number(row.number))?.secret ?? null };
  // Stage 1, outside the transaction: shape, catalog and MAC checks.
  const checked: Checked<T>[] = [];
  for (const raw of items) {
    const idCheck = v.safeParse(ItemIdSchema, raw);
    if (!idCheck.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : '';
      checked.push({ id, ok: false, result: rejected(id, 'Invalid item', 'Each item needs an "id" that is a lower-case UUID; nothing was stored for this item.'), store: false });
      continue;
    }
    const id = idCheck.output.id;
    const parsed = v.safeParse(schema, raw);
    if (!parsed.success) {
      checked.push({ id, ok: false, result: invalidItem(id, parsed.issues), store: true });
      continue;
    }
    const problem = await kind.check(app, me, parsed.output);
    checked.push(problem ? { id, ok: false, result: problem, store: true } : { id, ok: true, value: parsed.output });
  }

  // Stage 2, one transaction: replay stored answers, insert new items with their answers.
  const onCommit: (() => void)[] = [];
  const results = await app.db.transaction().execute(async (trx) => {
    const out: ItemResult[] = [];
    for (const item of checked) {
      if (item.id === '') {
        out.push((item as { result: ItemResult }).result);
        continue;
      }
      const stored = await trx.selectFrom('ingest_results').select(['practitioner_id', 'result_json']).where('kind', '=', kind.name).where('id', '=', item.id).executeTakeFirst();
      if (stored) {
        out.push(
          stored.practitioner_id === practitionerId
            ? (JSON.parse(stored.result_json) as ItemResult)
            : rejected(item.id, 'Id already used', `Another enrolment already sent a ${kind.name} with id ${item.id}; generate a new id.`),
        );
        continue;
      }
      let result: ItemResult;
      if (item.ok) result = (await kind.insert(trx, app, practitionerId, item.value, onCommit)) ?? { id: item.id, status: 'accepted' };
      else if (!item.store) {
        out.push(item.result);
        continue;
      } else result = item.result;
      await trx.insertInto('ingest_results').values({ kind: kind.name, id: item.id, practitioner_id: practitionerId, result_json: JSON.stringify(result) }).execute();
      out.push(result);
    }
    return out;
  });
  for (const apply of onCommit) apply();
  sendJson(ctx.res, 200, { results });
}

export const ingestRoutes: AppRoute[] = [
  {
    method: 'POST',
    path: '/v1/referrals',
    auth: 'practitioner',
    cors: true,
    handle: async (ctx) => {
      const body = await readJson(ctx.req, ReferralBatchSchema);
      await ingest(ctx, referralKind, ReferralInputSchema as v.GenericSchema<unknown, ReferralInput>, body.referrals);
    },
  },
  {
    method: 'POST',
    path: '/v1/deals',
    auth: 'practitioner',
    cors: true,
    handle: async (ctx) => {
      const body = await readJson(ctx.req, DealBatchSchema);
      await ingest(ctx, dealKind, DealInputSchema as v.GenericSchema<unknown, DealInput>, body.deals);
    },
  },
];
