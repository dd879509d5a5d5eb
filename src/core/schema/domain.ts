// Domain and host names: the one rule for what a DNS name is, and the one normalisation.
import * as v from 'valibot';
import { LIMITS } from './limits';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A lower-case DNS name of two or more labels with a real top-level label ("discuss.elastic.co"). */
export function isDomainName(host: string): boolean {
  if (host.length === 0 || host.length > LIMITS.host) return false;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1]!);
}

/**
 * "https://WWW.Acme.example/pricing", "acme.example." or "bob@acme.example" → "acme.example";
 * IDNs become punycode. Null when what is left is not a domain name.
 */
export function normaliseDomain(text: string): string | null {
  let s = text.trim().toLowerCase();
  if (!s || /\s/.test(s)) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  s = s.replace(/[/?#].*$/, ''); // path, query, fragment
  s = s.slice(s.lastIndexOf('@') + 1); // an e-mail address or URL credentials
  s = s.replace(/:\d*$/, ''); // port
  let host: string;
  try {
    host = new URL(`http://${s}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return isDomainName(host) ? host : null;
}

/** Accepts what a person would paste (URL, e-mail, mixed case) and outputs the normalised domain. */
export const domainName = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const host = normaliseDomain(dataset.value);
      if (host === null) {
        addIssue({ message: `${what} must be a domain name such as acme.example` });
        return NEVER;
      }
      return host;
    }),
  );
