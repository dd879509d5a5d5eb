// The one entry for every message. Order of checks: is it ours, is the sender this extension,
// may this kind of sender call this command, is the payload valid; then the handler runs and
// any failure becomes `{ ok: false, error }` (never a thrown error across the message port).
import * as v from 'valibot';
import { COMMAND_NAMES, type CommandError, type CommandMessage, type CommandName, type Result } from '../core/messages/commands';
import { describeIssues } from '../core/describe-issues';
import { PAYLOAD_SCHEMAS } from '../core/messages/schemas';
import { CommandFailure } from './errors';
import type { CallContext, Handlers, SenderKind } from './handlers';
import type { StorageHealth } from './health';
import { ReferralInputError } from './ports';

/** Who may call what. Content scripts run in hostile pages: they get only what a page needs. */
export const ACCESS: Record<CommandName, readonly SenderKind[]> = {
  'page.detected': ['content', 'page', 'options'],
  'page.forTab': ['page', 'options'],
  'catalog.search': ['page', 'options'],
  'vendors.list': ['page', 'options'],
  // The only command that makes the worker fetch a URL from a message: options page only.
  'vendors.enrol': ['options'],
  'vendors.leave': ['page', 'options'],
  'referrals.create': ['content', 'page', 'options'],
  'deals.register': ['page', 'options'],
  'activity.get': ['page', 'options'],
  'sync.now': ['page', 'options'],
  'outbox.retry': ['page', 'options'],
  'settings.get': ['page', 'options'],
  'settings.set': ['page', 'options'],
  'data.export': ['options'],
  'data.import': ['options'],
};

export interface SenderInfo {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

export interface RouterConfig {
  extensionId: string;
  /** e.g. `chrome-extension://<id>/` */
  extensionOrigin: string;
  /** Full URL of the options page. */
  optionsUrl: string;
}

const withoutQuery = (url: string) => url.replace(/[?#].*$/, '');

/** null: not this extension, or a sender we cannot place. */
export function classifySender(sender: SenderInfo, config: RouterConfig): { kind: SenderKind; tabId?: number; url?: string } | null {
  if (sender.id !== config.extensionId) return null;
  const url = sender.url;
  const fromExtension = url !== undefined && url.startsWith(config.extensionOrigin);
  if (fromExtension) {
    // An extension page (possibly shown in a tab): trusted, it runs our own code.
    return { kind: url !== undefined && withoutQuery(url) === withoutQuery(config.optionsUrl) ? 'options' : 'page', url };
  }
  // Our content script in a web page: top frame only (that is where it is declared to run).
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && (sender.frameId ?? 0) === 0 && url !== undefined) {
    return { kind: 'content', tabId: sender.tab.id, url };
  }
  return null;
}

export const isCommandMessage = (message: unknown): message is CommandMessage =>
  typeof message === 'object' && message !== null && (message as { advocate?: unknown }).advocate === 1;

const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

export function errorToResult(error: unknown, health?: StorageHealth): Result<never> {
  if (error instanceof CommandFailure) return fail(error.code, error.message);
  if (error instanceof ReferralInputError) return fail('invalid-input', error.message);
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError' || name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError') {
    const described: CommandError = health ? health.writeFailed(error) : { code: 'storage-error', message: String(error) };
    return fail(described.code, described.message);
  }
  return fail('internal', `Something went wrong in Advocate: ${error instanceof Error ? error.message : String(error)}`);
}

export function createRouter(handlers: Handlers, config: RouterConfig, health?: StorageHealth) {
  const known = new Set<string>(COMMAND_NAMES);
  return async function route(message: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    if (!isCommandMessage(message)) return fail('invalid-message', 'Not an Advocate command.');
    const who = classifySender(sender, config);
    if (!who) return fail('forbidden', 'This sender may not talk to Advocate.');
    const name = message.name;
    if (typeof name !== 'string' || !known.has(name)) return fail('unknown-command', `Unknown command ${JSON.stringify(name)}.`);
    const command = name as CommandName;
    if (!ACCESS[command].includes(who.kind)) return fail('forbidden', `"${command}" may not be called from ${who.kind === 'content' ? 'a web page' : 'this page'}.`);
    const parsed = v.safeParse(PAYLOAD_SCHEMAS[command], message.payload);
    if (!parsed.success) return fail('invalid-payload', `Invalid "${command}" request: ${describeIssues(parsed.issues, 5)}`);
    const ctx: CallContext = { sender: who.kind, ...(who.tabId !== undefined ? { tabId: who.tabId } : {}), ...(who.url !== undefined ? { senderUrl: who.url } : {}) };
    try {
      const handler = handlers[command] as (payload: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.output, ctx) };
    } catch (error) {
      return errorToResult(error, health);
    }
  };
}
