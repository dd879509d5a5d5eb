// RFC 9457 problem details, shared by the endpoint (which writes them) and the extension
// (which reads them and shows `detail` to the practitioner).
import * as v from 'valibot';

export const PROBLEM_BASE = 'https://advocate.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Dotted path into the request body, e.g. `referrals.3.offerId`; empty for the whole body. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Builds a problem document; `slug` becomes the last segment of `type`. */
export function problem(status: number, slug: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: PROBLEM_BASE + slug,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.string(),
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});

/** The slug of a problem's `type`, e.g. `enrolment-code-invalid`, or null for foreign types. */
export function problemSlug(p: Pick<Problem, 'type'>): string | null {
  return p.type.startsWith(PROBLEM_BASE) ? p.type.slice(PROBLEM_BASE.length) : null;
}

/** Turns valibot issues into field errors with dotted paths. */
export function issuesToFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((item) => String(item.key)).join('.'),
    message: issue.message,
  }));
}
