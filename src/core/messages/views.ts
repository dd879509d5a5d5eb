// What the worker answers to pages. Plain data, no secrets: these objects reach the popup,
// the options page and (for a few commands) content scripts.
import type { VendorSyncStatus } from '../sync/state';
import type { Deal } from '../referral/deal';
import type { CommunityRule, ReplySite } from '../referral/community-rules';
import type { Referral } from '../referral/referral';
import type { Settings } from './settings';

export type SyncState = 'pending' | 'synced' | 'parked' | 'held';

export interface ProblemView {
  /** storage-full | storage-closed | storage-blocked | vendor-reenrol | vendor-gone | vendor-sync | catalog-invalid | parked-items */
  code: string;
  message: string;
  vendorId?: string;
  at: string;
}

export interface CredentialView {
  credentialId?: string;
  state: 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'forged' | 'wrong-issuer' | 'malformed';
  reason: string;
  productId?: string;
  level?: string;
  achievementName?: string;
  validUntil?: string;
  /** Signed with Advocate's earlier suite: accepted until it expires. */
  legacy?: true;
  /** Why its revocation could not be checked (the status list did not verify, or is not on the vendor's endpoint). */
  statusProblem?: string;
}

export interface PractitionerView {
  id: string;
  number: number;
  displayName: string;
  email?: string;
}

export interface VendorView {
  id: string;
  name: string;
  homepage: string;
  endpoint: string;
  enrolledAt: string;
  practitioner: PractitionerView;
  credentials: CredentialView[];
  certified: boolean;
  sync: { status: VendorSyncStatus; lastError?: string; lastErrorAt?: string; lastSuccessAt?: string; nextAttemptAt?: string; pending: number; parked: number };
  catalog: { products: number; fetchedAt?: string; error?: string };
}

/** A referral as sent to its vendor, plus its link and where it is in sync. */
export interface ReferralView extends Referral {
  /** For display, from the catalog; absent when the catalog no longer names them. */
  productName?: string;
  offerName?: string;
  link: string;
  sync: SyncState;
  error?: string;
  syncedAt?: string;
  /** Present when a retry can succeed (see canRetry in src/background/outbox.ts); otherwise the popup offers none. */
  canRetry?: true;
  stats?: { clicks: number; conversions: number; commission: CommissionView };
}

export interface DealView extends Deal {
  sync: SyncState;
  error?: string;
  syncedAt?: string;
  canRetry?: true;
}

export interface CommissionView {
  pending: number;
  approved: number;
  paid: number;
  reversed: number;
}

export interface VendorTotalsView {
  vendorId: string;
  vendorName: string;
  currency?: string;
  referrals: number;
  clicks: number;
  conversions: number;
  commission: CommissionView;
  fetchedAt?: string;
}

export interface ActivityView {
  referrals: ReferralView[];
  deals: DealView[];
  totals: VendorTotalsView[];
  /** What needs the practitioner: parked items (refused, or for another enrolment) and held ones (they left the vendor). */
  parked: (ReferralView | DealView)[];
  unsynced: number;
  newConversions: number;
  problems: ProblemView[];
}

export interface ShareView {
  markdown: string;
  text: string;
  html: string;
}

export type SettingsView = Settings;

export interface ProductHitView {
  vendorId: string;
  vendorName: string;
  productId: string;
  productName: string;
  description: string;
  enrolled: boolean;
  /** The vendor runs an Advocate programme (its catalog names an endpoint). */
  programme?: true;
  offers: { id: string; name: string; url: string; adds: string }[];
}

export interface SyncReportView {
  sent: number;
  accepted: number;
  parked: number;
  vendors: { vendorId: string; status: VendorSyncStatus; error?: string }[];
}

export interface ImportReportView {
  referralsAdded: number;
  dealsAdded: number;
  skippedExisting: number;
  settingsImported: boolean;
}

/** What a content script hears about its page: nothing unless an enrolled vendor offers one of its products. */
export interface SuggestionView {
  /** The product to suggest here, or null: nothing appears in the page (and the toolbar says so). */
  suggestion: SuggestedOfferView | null;
  /** Whether the practitioner allows the in-page suggestion and the reply-box button (else the toolbar only). */
  inPage: boolean;
  /** The site's reply box kind, when Advocate knows how to reply there. */
  reply: ReplySite | null;
  /** The wording the page shows, when it shows something (src/content/words.ts). */
  words?: Record<string, string>;
}

/** The worker's answer for a page it runs the content script in, handed over with the script (no message needed). */
export interface PageAnswer {
  url: string;
  view: SuggestionView;
}

export interface SuggestedOfferView {
  productId: string;
  productName: string;
  vendorName: string;
  offerName: string;
  /** One sentence: what the subscription adds over the community edition. */
  adds: string;
  /** The host a "not on this site" or a dismissal applies to. */
  host: string;
  /** The practitioner's valid certification for the product, if any: its level and last day as the worker words them (the browser's language). */
  certification?: { level: string; validUntil?: string };
}

/** A reply prepared for the practitioner to look at: exactly the text that will be inserted. */
export interface ReplyDraftView {
  draftId: string;
  text: string;
  /** The community's rule on self-promotion: its name, its words in the practitioner's language, and its public page. */
  rule: Pick<CommunityRule, 'linkOnly' | 'minOwnText'> & { name: string; rule: string; source: string };
}

/** A site the practitioner granted with "Suggest on this site". */
export interface GrantedSiteView {
  host: string;
  pattern: string;
}
