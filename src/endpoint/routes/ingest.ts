// POST /v1/referrals and /v1/deals: batches of at most 100, idempotent for ever by client id.
// An accepted item, or one rejected for good (it can never become valid), is stored with its
// answer and replayed byte for byte when resent. An item rejected for a state that can change
// (an offer the catalog does not list yet, a deal another practitioner holds, a clock running
// ahead) is answered with `retryable: true`, not stored, and judged again when sent again.
import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { normaliseReferralCode, verifyReferralCode } from '../../core/referral/code';
import { issuesToFieldErrors } from '../../core/protocol/problem';
import { DealBatchSchema, DealInputSchema, ItemIdSchema, ReferralBatchSchema, ReferralInputSchema, type DealInput, type ItemResult, type ReferralInput } from '../../core/protocol/ingest';
import type { Deps } from '../context';
import { lockFor } from '../db/create';
import type { Database } from '../db/schema';
import { DAY_MS } from '../domain/commission';
import { FUTURE_TOLERANCE_MS } from '../domain/conversions';
import { dealDomain } from '../domain/deals';
import { readJson } from '../http/body';
import { jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

const rejected = (id: string, title: string, detail: string, retryable = false): ItemResult => ({ id, status: 'rejected', error: { title, detail, ...(retryable ? { retryable: true } : {}) } });
const isFinal = (result: ItemResult) => result.status === 'accepted' || result.error?.retryable !== true;

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
  /** Checks that need no transaction (schema, catalog, MAC, clock). */
  check(deps: Deps, me: Caller, item: T): Promise<ItemResult | null>;
  /**
   * Loads, in one query, the stored rows new items could clash with, and returns a checker that
   * also remembers the items it let through (so two items of one batch clash with each other).
   */
  conflicts(trx: Transaction<Database>, deps: Deps, practitionerId: string, items: T[]): Promise<(item: T) => ItemResult | null>;
  insert(trx: Transaction<Database>, deps: Deps, practitionerId: string, items: T[]): Promise<void>;
  afterCommit?(deps: Deps, items: T[]): void;
}

function checkCatalog(deps: Deps, item: { id: string; vendorId: string; productId: string; offerId?: string }): ItemResult | null {
  const id = item.id;
  if (item.vendorId !== deps.vendorId) return rejected(id, 'Unknown vendor', `This endpoint serves vendor "${deps.vendorId}", not "${item.vendorId}".`);
  const product = deps.products.get(item.productId);
  if (!product) return rejected(id, 'Unknown product', `Vendor "${deps.vendorId}" has no product "${item.productId}" (yet); send it again after a catalog update.`, true);
  if (item.offerId !== undefined && !product.offers.has(item.offerId)) {
    return rejected(id, 'Unknown offer', `Product "${item.productId}" has no offer "${item.offerId}" (yet); send it again after a catalog update.`, true);
  }
  return null;
}

function checkClock(deps: Deps, item: { id: string; createdAt: string }): ItemResult | null {
  const now = deps.now().getTime();
  if (Date.parse(item.createdAt) <= now + FUTURE_TOLERANCE_MS) return null;
  return rejected(item.id, 'Created in the future', `createdAt ${item.createdAt} is more than 5 minutes ahead of the endpoint's clock (${new Date(now).toISOString()}); check this computer's clock.`, true);
}

const referralKind: Kind<ReferralInput> = {
  name: 'referral',
  async check(deps, me, item) {
    const problem = checkCatalog(deps, item) ?? checkClock(deps, item);
    if (problem) return problem;
    if (!me.secret) return rejected(item.id, 'Not enrolled', 'This enrolment has no referral secret yet; enrol again.', true);
    if (!(await verifyReferralCode(item.code, me.secret))) {
      return rejected(item.id, 'Invalid referral code', 'The code does not verify under your referral secret: it was not created by your enrolment, or it was altered.');
    }
    return null;
  },
  async conflicts(trx, _deps, _practitionerId, items) {
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
  async insert(trx, deps, practitionerId, items) {
    const receivedAt = deps.now().toISOString();
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
  afterCommit(deps, items) {
    for (const item of items) deps.referralOffers.set(normaliseReferralCode(item.code)!, { offerId: item.offerId, until: Infinity });
  },
};

const dealKind: Kind<DealInput> = {
  name: 'deal',
  async check(deps, _me, item) {
    const problem = checkCatalog(deps, item) ?? checkClock(deps, item);
    if (problem) return problem;
    const domain = dealDomain(item.customerDomain);
    return domain.ok ? null : rejected(item.id, 'Domain cannot be claimed', `${domain.reason}.`);
  },
  async conflicts(trx, deps, practitionerId, items) {
    // First registration wins: a live deal (pending or approved, not expired) blocks the same
    // customer and product for everyone else; each practitioner has a bounded number pending.
    const nowIso = deps.now().toISOString();
    const key = (domain: string, productId: string) => `${domain} ${productId}`;
    const holders = new Map<string, string>();
    const domains = [...new Set(items.map((item) => (dealDomain(item.customerDomain) as { domain: string }).domain))];
    if (domains.length > 0) {
      const rows = await trx
        .selectFrom('deals')
        .select(['customer_domain', 'product_id', 'practitioner_id'])
        .where('customer_domain', 'in', domains)
        .where('status', 'in', ['pending', 'approved'])
        .where('expires_at', '>', nowIso)
        .execute();
      for (const row of rows) if (!holders.has(key(row.customer_domain, row.product_id))) holders.set(key(row.customer_domain, row.product_id), row.practitioner_id);
    }
    const pending = await trx
      .selectFrom('deals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practitioner_id', '=', practitionerId)
      .where('status', '=', 'pending')
      .where('expires_at', '>', nowIso)
      .executeTakeFirstOrThrow();
    let open = Number(pending.n);
    return (item) => {
      const domain = (dealDomain(item.customerDomain) as { domain: string }).domain;
      const holder = holders.get(key(domain, item.productId));
      if (holder === practitionerId) return rejected(item.id, 'Deal already registered', `You already hold a live deal for ${domain} and ${item.productId}.`, true);
      if (holder) return rejected(item.id, 'Deal already registered', `Another practitioner registered ${domain} for ${item.productId}; it is theirs while it is under review or approved, for ${deps.settings.attributionDays} days from registration.`, true);
      if (open >= deps.limits.pendingDeals) return rejected(item.id, 'Too many pending deals', `You have ${open} deals waiting for the vendor's review (at most ${deps.limits.pendingDeals}); send this one again once some are reviewed.`, true);
      holders.set(key(domain, item.productId), practitionerId);
      open += 1;
      return null;
    };
  },
  async insert(trx, deps, practitionerId, items) {
    const received = deps.now();
    const receivedAt = received.toISOString();
    const expiresAt = new Date(received.getTime() + deps.settings.attributionDays * DAY_MS).toISOString();
    await trx
      .insertInto('deals')
      .values(
        items.map((item) => ({
          id: item.id,
          practitioner_id: practitionerId,
          product_id: item.productId,
          customer_name: item.customerName,
          customer_domain: (dealDomain(item.customerDomain) as { domain: string }).domain,
          expected_seats: item.expectedSeats ?? null,
          note: item.note ?? null,
          created_at: item.createdAt,
          received_at: receivedAt,
          status: 'pending',
          reviewed_at: null,
          expires_at: expiresAt,
        })),
      )
      .execute();
  },
};

async function ingest<T>(deps: Deps, practitioner: { id: string; number: number }, kind: Kind<T>, schema: v.GenericSchema<unknown, T>, items: unknown[]): Promise<ItemResult[]> {
  const practitionerId = practitioner.id;
  const me: Caller = { id: practitionerId, secret: (await deps.secrets.lookup(practitioner.number))?.secret ?? null };
  // Stage 1, outside the transaction: shape, catalog, clock and MAC checks (MACs run concurrently).
  // Items answered before are not checked again: their stored answer is replayed in stage 2.
  const itemIds = items.flatMap((raw) => {
    const idCheck = v.safeParse(ItemIdSchema, raw);
    return idCheck.success ? [idCheck.output.id] : [];
  });
  const known = new Set(
    itemIds.length === 0 ? [] : (await deps.db.selectFrom('ingest_results').select('id').where('kind', '=', kind.name).where('id', 'in', itemIds).execute()).map((r) => r.id),
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
      const problem = await kind.check(deps, me, parsed.output);
      return problem ? { id, ok: false, result: problem, store: isFinal(problem) } : { id, ok: true, value: parsed.output };
    }),
  );

  // Stage 2, one transaction and a handful of statements: replay stored answers, insert new
  // items and their final answers. An id seen twice in one batch answers like its first occurrence.
  const ids = [...new Set(checked.map((item) => item.id).filter((id) => id !== ''))];
  const accepted: T[] = [];
  const results = await deps.db.transaction().execute(async (trx) => {
    // Stage 2 of one kind runs once at a time across instances, as on SQLite: the same batch sent to
    // two instances together is stored once, and the first registration of a deal wins.
    await lockFor(trx, `ingest:${kind.name}`);
    const stored = new Map<string, { practitioner_id: string; result_json: string }>();
    if (ids.length > 0) {
      for (const r of await trx.selectFrom('ingest_results').select(['id', 'practitioner_id', 'result_json']).where('kind', '=', kind.name).where('id', 'in', ids).execute()) stored.set(r.id, r);
    }
    const conflict = await kind.conflicts(trx, deps, practitionerId, checked.flatMap((item) => (item.ok && !stored.has(item.id) ? [item.value] : [])));
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
      let result: ItemResult;
      if (item.ok) {
        const clash = conflict(item.value);
        if (!clash) accepted.push(item.value);
        result = clash ?? { id: item.id, status: 'accepted' };
      } else result = item.result;
      if (item.id !== '') answered.set(item.id, result);
      if ((item.ok || item.store) && isFinal(result)) toStore.push({ kind: kind.name, id: item.id, practitioner_id: practitionerId, result_json: JSON.stringify(result) });
      out.push(result);
    }
    if (accepted.length > 0) await kind.insert(trx, deps, practitionerId, accepted);
    if (toStore.length > 0) await trx.insertInto('ingest_results').values(toStore).execute();
    return out;
  });
  kind.afterCommit?.(deps, accepted);
  return results;
}

export function ingestRoutes(routes: Routes, deps: Deps): void {
  routes
    .add('POST', '/v1/referrals', { auth: 'practitioner', cors: true, body: true }, async (c) => {
      const body = await readJson(c, ReferralBatchSchema);
      return jsonResponse({ results: await ingest(deps, c.get('practitioner'), referralKind, ReferralInputSchema, body.referrals) });
    })
    .add('POST', '/v1/deals', { auth: 'practitioner', cors: true, body: true }, async (c) => {
      const body = await readJson(c, DealBatchSchema);
      return jsonResponse({ results: await ingest(deps, c.get('practitioner'), dealKind, DealInputSchema, body.deals) });
    });
}
