// Table types for kysely. Times are ISO 8601 UTC text, amounts integer minor units, flags 0/1
// integers: the same representation on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface PractitionerTable {
  id: string;
  number: number;
  display_name: string;
  email: string;
  created_at: string;
  enrolment_code_hash: string | null;
  enrolment_code_expires_at: string | null;
  token_hash: string | null;
  referral_secret: string | null;
  enrolled_at: string | null;
  left_at: string | null;
}

export interface CertificationTable {
  id: string; // the credential id, urn:uuid:...
  practitioner_id: string;
  product_id: string;
  level: string;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
  /** Its entry in the revocation status list; assigned when first issued. */
  status_index: number | null;
  /** When the signed credential was first handed out (at enrolment). */
  issued_at: string | null;
  /** The signed credential as last issued (JSON), served at GET /v1/credentials/:id. */
  document: string | null;
}

/** A signed BitstringStatusListCredential, kept per URL it is served at. */
export interface StatusListTable {
  url: string;
  /** Which revoked indexes it encodes (SHA-256 of the sorted list): a revocation makes it stale. */
  revoked_digest: string;
  valid_until: string;
  document: string;
}

export interface ReferralTable {
  id: string;
  practitioner_id: string;
  code: string;
  product_id: string;
  offer_id: string;
  channel: string;
  campaign: string | null;
  page_url: string | null;
  page_host: string | null;
  give_back_url: string | null;
  give_back_percent: number | null;
  created_at: string;
  received_at: string;
}

export interface DealTable {
  id: string;
  practitioner_id: string;
  product_id: string;
  customer_name: string;
  customer_domain: string;
  expected_seats: number | null;
  note: string | null;
  /** As the client sent it; never used for a rule. */
  created_at: string;
  /** The registration time: when the endpoint received it. */
  received_at: string;
  status: string; // pending | approved | declined
  reviewed_at: string | null;
  expires_at: string;
}

/** The answer given to each ingested item, replayed byte for byte when the item is resent. */
export interface IngestResultTable {
  kind: string; // 'referral' | 'deal'
  id: string;
  practitioner_id: string;
  result_json: string;
}

export interface ClickTable {
  id: string;
  code: string;
  practitioner_id: string;
  offer_id: string;
  day: string; // YYYY-MM-DD (UTC)
  visitor_hash: string; // SHA-256(daily salt ‖ ip ‖ user agent): no raw IP or UA is stored
  clicked_at: string;
}

export interface DailySaltTable {
  day: string;
  salt: string;
}

export interface WebhookTable {
  id: string;
  type: string;
  received_at: string;
  outcome: string;
}

export interface ConversionTable {
  id: string;
  order_id: string;
  product_id: string;
  offer_id: string | null;
  customer_key: string; // customer domain, or order:<id> when the order names none
  customer_domain: string | null;
  amount: number;
  currency: string;
  occurred_at: string;
  attribution: string; // 'deal' | 'click' | 'none'
  practitioner_id: string | null;
  code: string | null;
  deal_id: string | null;
  refunded_at: string | null;
  received_at: string;
  /** Total refunded so far, in the order's own currency and minor units. */
  refunded_amount: number;
  /** The order as the billing system sent it, when it was converted into the vendor's currency. */
  order_currency: string | null;
  order_amount: number | null;
}

export interface RefundTable {
  id: string; // the webhook id
  order_id: string;
  amount: number;
  currency: string;
  occurred_at: string;
  received_at: string;
  /** Null while its order has not arrived. */
  applied_at: string | null;
}

export interface StatementTable {
  id: string;
  practitioner_id: string;
  period_end: string;
  issued_at: string;
  paid_at: string | null;
  currency: string;
  total: number;
  /** The statement as issued (JSON); never rewritten. */
  document: string;
}

export interface CommissionTable {
  id: string;
  conversion_id: string;
  practitioner_id: string;
  kind: string; // order | clawback
  /** What the order earned before refunds (0 for a clawback). */
  gross: number;
  /** What this row pays now; negative for a clawback. */
  amount: number;
  currency: string;
  state: string; // pending | approved | paid | reversed
  self_referral: number;
  /** CommissionReason (src/core/protocol/admin.ts) as JSON. */
  reason_json: string;
  note: string;
  statement_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  meta: MetaTable;
  practitioners: PractitionerTable;
  certifications: CertificationTable;
  status_lists: StatusListTable;
  referrals: ReferralTable;
  deals: DealTable;
  ingest_results: IngestResultTable;
  clicks: ClickTable;
  daily_salts: DailySaltTable;
  webhooks: WebhookTable;
  conversions: ConversionTable;
  commissions: CommissionTable;
  refunds: RefundTable;
  statements: StatementTable;
}

// Generated is re-exported so future auto-numbered columns have one import site.
export type { Generated };
