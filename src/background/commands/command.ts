// The shape of one command file: its name, who may call it, its payload schema and its handler.
// `command()` only lets TypeScript infer the literal types the registry derives everything from.
import * as v from 'valibot';
import type { Services } from '../services';

/** content: our content script in a web page (hostile); popup and options: our own pages. */
export type SenderKind = 'content' | 'popup' | 'options';

export interface CallContext {
  sender: SenderKind;
  /** The tab of a content-script sender. */
  tabId?: number;
  /** The URL of the sending document. */
  senderUrl?: string;
}

export interface Command<N extends string, C extends readonly SenderKind[], S extends v.GenericSchema, R> {
  name: N;
  /** Least privilege: only the senders that need it. Content scripts run in hostile pages. */
  callers: C;
  /** Checked by the router before the handler runs; the handler gets its output. */
  payload: S;
  /** Checks what depends on stored state (enrolled vendor, known offer); throws CommandFailure to refuse. */
  handle(payload: v.InferOutput<S>, ctx: CallContext, services: Services): Promise<R>;
}

export type AnyCommand = Command<string, readonly SenderKind[], v.GenericSchema, unknown>;

export const command = <const N extends string, const C extends readonly SenderKind[], S extends v.GenericSchema, R>(spec: Command<N, C, S, R>) => spec;

/** The payload of a command that takes none: `{}` or nothing at all. */
export const NO_PAYLOAD = v.optional(v.strictObject({}), {});
