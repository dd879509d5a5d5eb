// One request to a vendor: bearer token, JSON, a hard timeout well under the 30 s a service
// worker may wait on a fetch, and the body read inside that timeout (a slow body is a timeout).
import { classifyNetworkError, classifyResponse, describeProblem, type AttemptOutcome } from '../core/sync/classify';
import { t } from '../ui/i18n';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const REQUEST_TIMEOUT_MS = 20_000;
const MAX_BODY_CHARS = 4_000_000;

export interface VendorRequest {
  fetch: Fetch;
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  nowMs: number;
}

type Failure = Exclude<AttemptOutcome, { kind: 'ok' }>;
/** What went wrong, for a message that says what to do: no answer, no answer in time, an answer that is not JSON. */
export type FailureCause = 'network' | 'timeout' | 'not-json' | 'too-large' | 'status';
export type VendorAnswer =
  | { ok: true; status: number; json: unknown; headers: Headers }
  | { ok: false; outcome: Failure; cause: FailureCause; status?: number; contentType?: string; detail?: string };

const failed = (outcome: Failure, cause: FailureCause, status?: number, contentType?: string | null): VendorAnswer => ({
  ok: false,
  outcome,
  cause,
  ...(status === undefined ? {} : { status }),
  ...(contentType ? { contentType } : {}),
});

/** Rejects when the signal aborts: our timeout holds even if a fetch ignores its signal. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

export async function callVendor(request: VendorRequest): Promise<VendorAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), request.timeoutMs ?? REQUEST_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const aborted = whenAborted(controller.signal);
    aborted.catch(() => {}); // only ever awaited through the races below
    const response = await Promise.race([aborted, request.fetch(request.url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    })]);
    const text = response.status === 204 || response.status === 304 ? '' : await Promise.race([aborted, response.text()]);
    if (text.length > MAX_BODY_CHARS) {
      return failed({ kind: 'retry', reason: t('syncTooLarge'), retryAfterMs: null }, 'too-large', response.status);
    }
    let json: unknown = undefined;
    let parsed = true;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }
    const outcome = classifyResponse({ status: response.status, retryAfter: response.headers.get('retry-after'), problem: describeProblem(json) }, request.nowMs, t);
    const contentType = response.headers.get('content-type');
    if (outcome.kind !== 'ok') return failed(outcome, parsed ? 'status' : 'not-json', response.status, contentType);
    if (!parsed) return failed({ kind: 'retry', reason: t('syncNotJson'), retryAfterMs: null }, 'not-json', response.status, contentType);
    return { ok: true, status: response.status, json, headers: response.headers };
  } catch (error) {
    const cause = controller.signal.aborted ? (controller.signal.reason ?? error) : error;
    const name = (cause as { name?: string } | null)?.name;
    const timedOut = name === 'AbortError' || name === 'TimeoutError';
    const answer = failed(classifyNetworkError(cause, t) as Failure, timedOut ? 'timeout' : 'network');
    if (!timedOut && answer.ok === false) answer.detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

/** `endpoint` + `/v1/...`; the endpoint was validated at enrolment, never taken from a message. */
export const vendorUrl = (endpoint: string, path: string) => `${endpoint.replace(/\/+$/, '')}${path}`;
