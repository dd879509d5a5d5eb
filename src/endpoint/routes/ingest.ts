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
  /**
   * Loads, in one query, the stored rows new items could clash with, and returns a checker that
   * also remembers the items it let through (so two items of one batch clash with each other).
   */
  conflicts(trx: Transaction<Database>, app: App, practitionerId: string, items: T[]): Promise<(item: T) => ItemResult | null>;
  /** Inserts all accepted items in one statement. */
  insert(trx: Transaction<Database>, app: App, practitionerId: string, items: T[]): Promise<void>;
  afterCommit?(app: App, items: T[]): void;
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
  async conflicts(trx, _app, _practitionerId, items) {
    const codes = items.map((item) => normaliseReferralCode(item.code)!);
    const taken = new Map<string, string>();
    if (codes.length > 0) {
      for (const row of await trx.selectFrom('referrals').select(['id', 'code']).where('code', 'in', codes).execute()) taken.set(row.code, row.id);
    }
    return (item) => {
      const code = normaliseReferralCode(item.code)!;
      const owner = taken.get(code);
      if (owner) return rejected(item.id, 'Duplicate code', `Code ${code} already belongs to referral ${owner}; create a new code for a new referral.`);
      taken.set(code, item.id);
      return null;
    };
  },
  async insert(trx, app, practitionerId, items) {
    const receivedAt = app.now().toISOString();
    await trx
      .insertInto('referrals')
      .values(
        items.map((item) => ({
          id: item.id,
          practitioner_id: practitionerId,
          code: normaliseReferralCode(item.code)!,
          product_id: item.productId,
          offer_id: item.offerId,
          channel: item.channel,
          campaign: item.campaign ?? null,
          page_url: item.pageUrl ?? null,
          page_host: item.pageHost ?? null,
          give_back_url: item.giveBack?.url ?? null,
          give_back_percent: item.giveBack?.percent ?? null,
          created_at: item.createdAt,
          received_at: receivedAt,
        })),
      )
      .execute();
  },
  afterCommit(app, items) {
    for (const item of items) app.referralOffers.set(normaliseReferralCode(item.code)!, item.offerId);
  },
};

const dealKind: Kind<DealInput> = {
  name: 'deal',
  async check(app, _me, item) {
    return checkCatalog(app, item);
  },
  async conflicts(trx, app, practitionerId, items) {
    // First registration wins: another practitioner's live deal for the same customer blocks this one.
    const since = new Date(app.now().getTime() - app.attributionDays * DAY_MS).toISOString();
    const key = (domain: string, productId: string) => `${domain} ${productId}`;
    const blocked = new Set<string>();
    const domains = [...new Set(items.map((item) => item.customerDomain))];
    if (domains.length > 0) {
      const rows = await trx
        .selectFrom('deals')
        .select(['customer_domain', 'product_id'])
        .where('customer_domain', 'in', domains)
        .where('practitioner_id', '<>', practitionerId)
        .where('created_at', '>=', since)
        .execute();
      for (const row of rows) blocked.add(key(row.customer_domain, row.product_id));
    }
    return (item) =>
      blocked.has(key(item.customerDomain, item.productId))
        ? rejected(item.id, 'Deal already registered', `Another practitioner registered ${item.customerDomain} for ${item.productId} within the last ${app.attributionDays} days.`)
        : null;
  },
  async insert(trx, app, practitionerId, items) {
    const receivedAt = app.now().toISOString();
    await trx
      .insertInto('deals')
      .values(
        items.map((item) => ({
          id: item.id,
          practitioner_id: practitionerId,
          product_id: item.productId,
          customer_name: item.customerName,
          customer_domain: item.customerDomain,
          expected_seats: item.expectedSeats ?? null,
          note: item.note ?? null,
          created_at: item.createdAt,
          received_at: receivedAt,
        })),
      )
      .execute();
  },
};

async function ingest<T>(ctx: Ctx, kind: Kind<T>, schema: v.GenericSchema<unknown, T>, items: unknown[]): Promise<void> {
  const { app, practitionerId } = ctx;
  const row = await app.db.selectFrom('practitioners').select('number').where('id', '=', practitionerId).executeTakeFirstOrThrow();
  const me: Caller = { id: practitionerId, secret: app.secrets.get(Number(row.number))?.secret ?? null };
  // Stage 1, outside the transaction: shape, catalog and MAC checks (MACs run concurrently).
  // Items answered before are not checked again: their stored answer is replayed in stage 2.
  const itemIds = items.flatMap((raw) => {
    const idCheck = v.safeParse(ItemIdSchema, raw);
    return idCheck.success ? [idCheck.output.id] : [];
  });
  const known = new Set(
    itemIds.length === 0
      ? []
      : (await app.db.selectFrom('ingest_results').select('id').where('kind', '=', kind.name).where('id', 'in', itemIds).execute()).map((r) => r.id),
  );
  const checked = await Promise.all(
    items.map(async (raw): Promise<Checked<T>> => {
      const idCheck = v.safeParse(ItemIdSchema, raw);
      if (!idCheck.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : '';
        return { id, ok: false, result: rejected(id, 'Invalid item', 'Each item needs an "id" that is a lower-case UUID; nothing was stored for this item.'), store: false };
      }
      const id = idCheck.output.id;
      if (known.has(id)) return { id, ok: false, result: rejected(id, 'Replayed', 'answered from storage'), store: true }; // replaced in stage 2
      const parsed = v.safeParse(schema, raw);
      if (!parsed.success) return { id, ok: false, result: invalidItem(id, parsed.issues), store: true };
      const problem = await kind.check(app, me, parsed.output);
      return problem ? { id, ok: false, result: problem, store: true } : { id, ok: true, value: parsed.output };
    }),
  );

  // Stage 2, one transaction and a handful of statements: replay stored answers, insert new
  // items and their answers. An id seen twice in one batch answers like its first occurrence.
  const ids = [...new Set(checked.map((item) => item.id).filter((id) => id !== ''))];
  const accepted: T[] = [];
  const results = await app.db.transaction().execute(async (trx) => {
    const stored = new Map<string, { practitioner_id: string; result_json: string }>();
    if (ids.length > 0) {
      for (const r of await trx.selectFrom('ingest_results').select(['id', 'practitioner_id', 'result_json']).where('kind', '=', kind.name).where('id', 'in', ids).execute()) stored.set(r.id, r);
    }
    const conflict = await kind.conflicts(trx, app, practitionerId, checked.flatMap((item) => (item.ok && !stored.has(item.id) ? [item.value] : [])));
    const answered = new Map<string, ItemResult>();
    const toStore: { kind: string; id: string; practitioner_id: string; result_json: string }[] = [];
    const out: ItemResult[] = [];
    for (const item of checked) {
      const previous = stored.get(item.id);
      if (previous) {
        out.push(
          previous.practitioner_id === practitionerId
            ? (JSON.parse(previous.result_json) as ItemResult)
            : rejected(item.id, 'Id already used', `Another enrolment already sent a ${kind.name} with id ${item.id}; generate a new id.`),
        );
        continue;
      }
      const again = answered.get(item.id);
      if (again) {
        out.push(again);
        continue;
      }
      if (!item.ok && !item.store) {
        out.push(item.result);
        continue;
      }
      let result: ItemResult;
      if (item.ok) {
        const clash = conflict(item.value);
        if (!clash) accepted.push(item.value);
        result = clash ?? { id: item.id, status: 'accepted' };
      } else result = item.result;
      answered.set(item.id, result);
      toStore.push({ kind: kind.name, id: item.id, practitioner_id: practitionerId, result_json: JSON.stringify(result) });
      out.push(result);
    }
    if (accepted.length > 0) await kind.insert(trx, app, practitionerId, accepted);
    if (toStore.length > 0) await trx.insertInto('ingest_results').values(toStore).execute();
    return out;
  });
  kind.afterCommit?.(app, accepted);
  sendJson(ctx.res, 200, { results });
}

function batchRoute<T>(path: string, kind: Kind<T>, batch: v.GenericSchema<unknown, Record<string, unknown[]>>, member: string, item: v.GenericSchema<unknown, T>): AppRoute {
  return {
    method: 'POST',
    path,
    auth: 'practitioner',
    cors: true,
    handle: async (ctx) => {
      const body = await readJson(ctx.req, batch);
      await ingest(ctx, kind, item, body[member]!);
    },
  };
}

export const ingestRoutes: AppRoute[] = [
  batchRoute('/v1/referrals', referralKind, ReferralBatchSchema as v.GenericSchema<unknown, Record<string, unknown[]>>, 'referrals', ReferralInputSchema as v.GenericSchema<unknown, ReferralInput>),
  batchRoute('/v1/deals', dealKind, DealBatchSchema as v.GenericSchema<unknown, Record<string, unknown[]>>, 'deals', DealInputSchema as v.GenericSchema<unknown, DealInput>),
];
