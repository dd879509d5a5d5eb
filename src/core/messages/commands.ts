// The extension's one command map: name -> payload -> response. Light on purpose: types and
// names only (no valibot), so the content script can import it and stay small. The payload
// schemas live in ./schemas.ts, which only the service worker imports.
import type { PageMatch } from '../match';
import type { PayloadInputs } from './schemas';
import type {
  ActivityView,
  DealView,
  ImportReportView,
  ProductHitView,
  ReferralView,
  SettingsView,
  ShareView,
  SyncReportView,
  VendorView,
  ProblemView,
} from './views';

export type { Channel } from '../protocol/ingest';

export interface Responses {
  'page.detected': PageMatch;
  'page.forTab': { url: string; match: PageMatch | null } | null;
  'catalog.search': ProductHitView[];
  'vendors.list': { vendors: VendorView[]; problems: ProblemView[] };
  'vendors.enrol': VendorView;
  'vendors.leave': { removed: boolean; vendorNotified: boolean };
  'referrals.create': { referral: ReferralView; link: string; share: ShareView };
  'deals.register': DealView;
  'activity.get': ActivityView;
  'sync.now': SyncReportView;
  'outbox.retry': { requeued: boolean };
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'data.export': { json: string; fileName: string };
  'data.import': ImportReportView;
}

export type CommandName = keyof Responses;
export type Payload<K extends CommandName> = PayloadInputs[K];
export type Response<K extends CommandName> = Responses[K];

export const COMMAND_NAMES = [
  'page.detected',
  'page.forTab',
  'catalog.search',
  'vendors.list',
  'vendors.enrol',
  'vendors.leave',
  'referrals.create',
  'deals.register',
  'activity.get',
  'sync.now',
  'outbox.retry',
  'settings.get',
  'settings.set',
  'data.export',
  'data.import',
] as const satisfies readonly CommandName[];

export interface CommandError {
  /** Stable, for code: invalid-payload | forbidden | unknown-command | not-found | storage-full | storage-closed | enrol-failed | internal … */
  code: string;
  /** A sentence for the practitioner. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** The message on the wire. `advocate` tags our messages so stray ones are ignored cheaply. */
export interface CommandMessage<K extends CommandName = CommandName> {
  advocate: 1;
  name: K;
  payload: Payload<K>;
}
