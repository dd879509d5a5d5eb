// The one entry for every message. Order of checks: is it ours, is the sender this extension,
// is it a registered command, may this kind of sender call it, is the payload valid; then the
// handler runs and any failure becomes `{ ok: false, error }` (never a thrown error across the
// message port).
import * as v from 'valibot';
import { describeIssues } from '../core/describe-issues';
import { isCommandMessage, type CommandError, type Result } from '../core/messages/envelope';
import { ReferralInputError } from '../core/referral/errors';
import type { CallContext, SenderKind } from './commands/command';
import { COMMANDS } from './commands';
import { CommandFailure } from './errors';
import { t } from '../ui/i18n';
import type { StorageHealth } from './health';
import type { Services } from './services';

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
  /** Full URLs of the popup and the options page. */
  popupUrl: string;
  optionsUrl: string;
}

const withoutQuery = (url: string) => url.replace(/[?#].*$/, '');

/** null: not this extension, or a sender we cannot place. */
export function classifySender(sender: SenderInfo, config: RouterConfig): { kind: SenderKind; tabId?: number; url?: string } | null {
  if (sender.id !== config.extensionId) return null;
  const url = sender.url;
  if (url !== undefined && url.startsWith(config.extensionOrigin)) {
    // One of our pages (possibly shown in a tab): the popup or the options page, nothing else.
    const page = withoutQuery(url);
    if (page === withoutQuery(config.optionsUrl)) return { kind: 'options', url };
    if (page === withoutQuery(config.popupUrl)) return { kind: 'popup', url };
    return null;
  }
  // Our content script in a web page: top frame only (that is where it is declared to run).
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && (sender.frameId ?? 0) === 0 && url !== undefined) {
    return { kind: 'content', tabId: sender.tab.id, url };
  }
  return null;
}

// An error names what was wrong, never echoes a whole hostile value back.
const MAX_ERROR_MESSAGE = 1000;
const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message: message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE - 1)}…` : message } });

export function errorToResult(error: unknown, health?: StorageHealth): Result<never> {
  if (error instanceof CommandFailure) return fail(error.code, error.message);
  if (error instanceof ReferralInputError) return fail('invalid-input', error.message);
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError' || name === 'InvalidStateError' || name === 'UnknownError' || name === 'AbortError') {
    const described: CommandError = health ? health.writeFailed(error) : { code: 'storage-error', message: String(error) };
    return fail(described.code, described.message);
  }
  return fail('internal', t('internalError', error instanceof Error ? error.message : String(error)));
}

const WHO: Record<SenderKind, string> = { content: 'a web page', popup: 'the popup', options: 'the options page' };

export function createRouter(services: Services, config: RouterConfig) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Result<unknown>> {
    if (!isCommandMessage(message)) return fail('invalid-message', 'Not an Advocate command.');
    const who = classifySender(sender, config);
    if (!who) return fail('forbidden', 'This sender may not talk to Advocate.');
    const command = typeof message.name === 'string' ? COMMANDS.get(message.name) : undefined;
    // Firefox delivers BigInt and cycles (structured clone), which JSON.stringify throws on.
    if (!command) return fail('unknown-command', typeof message.name === 'string' ? `Unknown command ${JSON.stringify(message.name.slice(0, 100))}.` : 'A command needs a name.');
    if (!command.callers.includes(who.kind)) return fail('forbidden', `"${command.name}" may not be called from ${WHO[who.kind]}.`);
    const parsed = v.safeParse(command.payload, message.payload);
    // Words for a person, not the command's name: "Invalid "vendors.enrol" request" told them nothing.
    if (!parsed.success) return fail('invalid-payload', t('requestInvalid', describeIssues(parsed.issues, 5)));
    const ctx: CallContext = { sender: who.kind, ...(who.tabId !== undefined ? { tabId: who.tabId } : {}), ...(who.url !== undefined ? { senderUrl: who.url } : {}) };
    try {
      return { ok: true, value: await command.handle(parsed.output, ctx, services) };
    } catch (error) {
      return errorToResult(error, services.health);
    }
  };
}
