// What a failed enrolment step tells the practitioner: one sentence, what happened and what to
// do, in their language. Enrolment is never retried behind their back, so nothing says "will retry".
import { t } from '../ui/i18n';
import { CommandFailure } from './errors';
import type { VendorAnswer } from './vendor-http';

type Failed = Extract<VendorAnswer, { ok: false }>;

const hostOf = (endpoint: string) => {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
};

/** The vendor's endpoint could not be used at all: no answer, no answer in time, or not an Advocate endpoint. */
export function endpointProblem(endpoint: string, answer: Failed, timeoutMs: number): CommandFailure {
  const host = hostOf(endpoint);
  // An error status decides, whatever its body (a proxy's HTML error page is still a 503).
  const cause = answer.status !== undefined && (answer.status < 200 || answer.status >= 300) ? 'status' : answer.cause;
  switch (cause) {
    case 'timeout':
      return new CommandFailure('enrol-timeout', t('enrolErrTimeout', host, Math.round(timeoutMs / 1000)));
    case 'network':
      return new CommandFailure('enrol-unreachable', t('enrolErrUnreachable', host, answer.detail ?? '?'));
    case 'not-json':
    case 'too-large':
      return notAdvocate(endpoint, /html/i.test(answer.contentType ?? '') ? t('enrolDetailWebPage') : t('enrolDetailNotJson'));
    case 'status': {
      const status = answer.status ?? 0;
      if (status === 404 || status === 405) return notAdvocate(endpoint, t('enrolDetailNotFound', status));
      if (status >= 500 || status === 429 || status === 408) return new CommandFailure('enrol-vendor-down', t('enrolErrServer', host, status));
      return new CommandFailure('enrol-refused', t('enrolErrRefused', host, status));
    }
  }
}

/** The endpoint answered, but not as an Advocate endpoint (a web page, another API, a wrong path). */
export function notAdvocate(endpoint: string, detail: string, code = 'not-advocate'): CommandFailure {
  return new CommandFailure(code, t('enrolErrNotAdvocate', hostOf(endpoint), detail));
}

export const codeRefused = () => new CommandFailure('enrolment-code-invalid', t('enrolErrCode'));
/** The vendor's own data is wrong: nothing the practitioner can fix but tell the vendor. */
export const vendorFault = (key: 'enrolErrCatalog' | 'enrolErrAnswer' | 'enrolErrMismatch' | 'enrolErrSecret', detail = '') =>
  new CommandFailure(key === 'enrolErrCatalog' ? 'catalog-invalid' : 'enrol-failed', t(key, detail));
