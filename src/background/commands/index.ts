// The registry: every command the worker answers, one file each (see DESIGN.md, "How to add a
// command"). The router, the typed clients and the content script's command list derive from it.
import type * as v from 'valibot';
import activityGet from './activity.get';
import catalogSearch from './catalog.search';
import type { AnyCommand, SenderKind } from './command';
import credentialsExport from './credentials.export';
import dataDeleteAll from './data.deleteAll';
import dataExport from './data.export';
import dataImport from './data.import';
import dealsRegister from './deals.register';
import outboxDiscard from './outbox.discard';
import outboxRetry from './outbox.retry';
import pageDetected from './page.detected';
import pageForTab from './page.forTab';
import referralsCreate from './referrals.create';
import replyInsert from './reply.insert';
import replyPrepare from './reply.prepare';
import settingsGet from './settings.get';
import settingsSet from './settings.set';
import sitesGrant from './sites.grant';
import sitesList from './sites.list';
import sitesRemove from './sites.remove';
import statementsList from './statements.list';
import suggestionDismiss from './suggestion.dismiss';
import suggestionOpen from './suggestion.open';
import syncNow from './sync.now';
import vendorsEnrol from './vendors.enrol';
import vendorsLeave from './vendors.leave';
import vendorsList from './vendors.list';

const ALL = [
  pageDetected,
  pageForTab,
  suggestionDismiss,
  suggestionOpen,
  replyPrepare,
  replyInsert,
  sitesList,
  sitesGrant,
  sitesRemove,
  catalogSearch,
  vendorsList,
  vendorsEnrol,
  vendorsLeave,
  referralsCreate,
  dealsRegister,
  activityGet,
  statementsList,
  syncNow,
  outboxRetry,
  outboxDiscard,
  settingsGet,
  settingsSet,
  dataExport,
  dataImport,
  dataDeleteAll,
  credentialsExport,
] as const;

type Registered = (typeof ALL)[number];

/** Looked up by the router; a Map, so no name can reach Object.prototype. */
export const COMMANDS: ReadonlyMap<string, AnyCommand> = new Map(ALL.map((c) => [c.name, c as unknown as AnyCommand]));

export type CommandName = Registered['name'];
type ByName<K extends CommandName> = Extract<Registered, { name: K }>;

/** name → { payload (what a caller sends), response, callers }: the map every typed client uses. */
export type ExtensionCommands = {
  [K in CommandName]: {
    payload: v.InferInput<ByName<K>['payload']>;
    response: Awaited<ReturnType<ByName<K>['handle']>>;
    callers: ByName<K>['callers'][number];
  };
};

/** The commands one kind of sender may call. */
export type CommandsFor<S extends SenderKind> = { [K in CommandName as S extends ExtensionCommands[K]['callers'] ? K : never]: ExtensionCommands[K] };

/** The content script's light command list: types only, so nothing of the worker reaches its bundle. */
export type ContentCommands = CommandsFor<'content'>;
/** What the popup and the options page may send. */
export type PageCommands = CommandsFor<'popup'> & CommandsFor<'options'>;

export type CommandPayload<K extends CommandName> = ExtensionCommands[K]['payload'];
export type CommandResponse<K extends CommandName> = ExtensionCommands[K]['response'];
