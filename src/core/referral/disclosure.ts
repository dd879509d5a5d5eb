// The disclosure that travels with every link (principle 2, FTC 16 CFR 255): it says plainly
// the link is paid, sits right next to it, and is formatted for where it goes. The wording
// is the practitioner's to edit, but never down to nothing, a bare link or something that
// no longer says it is paid.
import { LIMITS, parseWebUrl } from '../schema';
import type { Say } from '../say';
import type { ShareFormat } from './channels';
import { ReferralInputError } from './errors';
import { isGiveBackPercent } from './give-back';

export const DEFAULT_DISCLOSURE =
  'Disclosure: this is a paid referral link — I may earn a commission from {vendor} if you subscribe. I recommend {offer} because {reason}';

/** Used for {reason} when the offer says nothing about what it adds. */
export const DEFAULT_REASON = 'it is what I would use myself for {product} in production.';

export const PLACEHOLDERS = ['vendor', 'offer', 'product', 'reason'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const MIN_DISCLOSURE_LENGTH = 20;
export const MAX_DISCLOSURE_LENGTH = LIMITS.disclosure;
/** Words that tell a reader the link pays the person sharing it. */
const PAID_WORD = /\b(paid|affiliate|referral|commission|sponsored|advertisement|fee|compensat\w*|earn\w*)\b|(?<![\p{L}])(bezahlt\w*|provision\w*|werbung|werbelink|empfehlungslink\w*|vergütung\w*|anzeige)(?![\p{L}])/iu;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+/gi;

export type DisclosureCheck = { ok: true } | { ok: false; message: string };

/** Checks wording the practitioner typed (placeholders unfilled). The message, worded by `say`, says how to fix it. */
export function validateDisclosure(text: string, say: Say): DisclosureCheck {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: say('disclosureEmpty') };
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return { ok: false, message: say('disclosureUnknownPlaceholder', unknown.map((n) => `{${n}}`).join(', '), PLACEHOLDERS.map((n) => `{${n}}`).join(', ')) };
  }
  // What a reader sees whatever fills the placeholders: the words around links and placeholders.
  const words = text.replace(URL_LIKE, ' ').replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim();
  if (words.length === 0 && /\b(?:https?:\/\/|www\.)/i.test(text)) {
    return { ok: false, message: say('disclosureLinkAlone') };
  }
  if (text.trim().length > MAX_DISCLOSURE_LENGTH) {
    return { ok: false, message: say('disclosureTooLong', String(MAX_DISCLOSURE_LENGTH)) };
  }
  if (words.length < MIN_DISCLOSURE_LENGTH) {
    return { ok: false, message: say('disclosureTooShort', String(MIN_DISCLOSURE_LENGTH)) };
  }
  if (!PAID_WORD.test(words)) {
    return { ok: false, message: say('disclosureNotPaid') };
  }
  return { ok: true };
}

/** Fills {vendor}, {offer}, {product} and {reason}. Throws ReferralInputError on an unknown placeholder. */
export function fillDisclosure(template: string, values: Record<Placeholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) throw new ReferralInputError(`Unknown placeholder ${whole} in the disclosure`);
    return values[name as Placeholder];
  });
}

export interface ShareGiveBack {
  url: string;
  percent: number;
  /** Who receives it; defaults to the product name. */
  projectName?: string;
}

export interface ShareInput {
  link: string;
  format: ShareFormat;
  vendorName: string;
  productName: string;
  offerName: string;
  /** Why the practitioner recommends the offer, in their words; fills {reason}. */
  reason?: string;
  /** The catalog's "what it adds over the community edition"; the {reason} when `reason` is not given. */
  offerAdds?: string;
  /** The practitioner's wording with placeholders; defaults to DEFAULT_DISCLOSURE. */
  disclosure?: string;
  giveBack?: ShareGiveBack;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Backslash-escapes what CommonMark (GitHub, Discourse, Reddit, Stack Exchange) would read as markup. */
export const escapeMarkdown = (s: string) => s.replace(/[\\`*_[\]()<>#!|~{}]/g, '\\$&');

/** Parentheses and spaces would end a Markdown link destination early; percent-encoding them keeps the same URL. */
const markdownDestination = (url: string) => url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function checkedUrl(text: string, what: string): string {
  const url = parseWebUrl(text);
  if (!url) throw new ReferralInputError(`${what} must be an http(s) URL`);
  return url.href;
}

/** The practitioner's reason, else one built from the offer's "adds" sentence, else DEFAULT_REASON. */
function reasonFor(input: ShareInput): string {
  const own = input.reason?.trim();
  if (own) return own;
  const adds = input.offerAdds?.trim().replace(/^adds\s+/i, '');
  if (adds) return `it adds what {product} alone does not: ${adds}`;
  return DEFAULT_REASON;
}

const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

interface Piece {
  text: string;
  url?: string;
}

function renderPieces(pieces: Piece[], format: ShareFormat): string {
  return pieces
    .map(({ text, url }) => {
      if (format === 'html') {
        return url ? `<a href="${escapeHtml(url)}" rel="sponsored noopener">${escapeHtml(text)}</a>` : escapeHtml(text).replace(/\n/g, '<br>\n');
      }
      if (format === 'markdown') return url ? `[${escapeMarkdown(text)}](${markdownDestination(url)})` : escapeMarkdown(text);
      return url ? `${text} (${url})` : text;
    })
    .join('');
}

/**
 * The link with its disclosure right under it, ready to paste. Throws ReferralInputError when the
 * wording fails validateDisclosure, so a stored wording that went bad cannot slip out.
 */
export function renderShare(input: ShareInput): string {
  const link = checkedUrl(input.link, 'The referral link');
  const template = input.disclosure ?? DEFAULT_DISCLOSURE;
  // A guard, not a message for the practitioner: saving already refused such wording in their words.
  const check = validateDisclosure(template, (problem) => `The disclosure wording fails its check (${problem})`);
  if (!check.ok) throw new ReferralInputError(check.message);

  const values = { vendor: input.vendorName, offer: input.offerName, product: input.productName, reason: '' };
  values.reason = sentence(fillDisclosure(reasonFor(input), { ...values, reason: '' }).trim());
  const disclosure: Piece[] = [{ text: sentence(fillDisclosure(template, values).trim()) }];
  if (input.giveBack) {
    const gb = input.giveBack;
    if (!isGiveBackPercent(gb.percent)) {
      throw new ReferralInputError('The give-back percent must be a whole number between 1 and 100');
    }
    disclosure.push(
      { text: ` I give ${gb.percent}% of it to ` },
      { text: `${gb.projectName ?? input.productName}'s maintainers`, url: checkedUrl(gb.url, 'The give-back URL') },
      { text: '.' },
    );
  }

  const anchor: Piece = { text: `${input.offerName} by ${input.vendorName}`, url: link };
  switch (input.format) {
    case 'html':
      // Plain paragraphs: a disclosure in small or faint print would not be conspicuous.
      return `<p>${renderPieces([anchor], 'html')}</p>\n<p>${renderPieces(disclosure, 'html')}</p>`;
    case 'markdown':
      return `${renderPieces([anchor], 'markdown')}\n\n${renderPieces(disclosure, 'markdown')}`;
    case 'text':
      return `${input.offerName} by ${input.vendorName}: ${link}\n${renderPieces(disclosure, 'text')}`;
    default:
      throw new ReferralInputError(`Unknown share format "${String(input.format)}"; use markdown, text or html`);
  }
}

/**
 * A vendor with no Advocate programme: its plain offer link, saying just as plainly that it is
 * unpaid (a reader should not have to guess either way). Fixed wording: nothing to earn, nothing to edit.
 */
export const UNPAID_DISCLOSURE = 'Unpaid link: I earn nothing from it.';

export interface UnpaidShareInput {
  url: string;
  format: ShareFormat;
  vendorName: string;
  offerName: string;
}

export function renderUnpaidShare(input: UnpaidShareInput): string {
  const url = checkedUrl(input.url, 'The offer link');
  const anchor: Piece = { text: `${input.offerName} by ${input.vendorName}`, url };
  switch (input.format) {
    case 'html':
      // Not rel="sponsored": nothing pays for it.
      return `<p><a href="${escapeHtml(url)}" rel="noopener">${escapeHtml(anchor.text)}</a></p>\n<p>${escapeHtml(UNPAID_DISCLOSURE)}</p>`;
    case 'markdown':
      return `${renderPieces([anchor], 'markdown')}\n\n${escapeMarkdown(UNPAID_DISCLOSURE)}`;
    case 'text':
      return `${anchor.text}: ${url}\n${UNPAID_DISCLOSURE}`;
    default:
      throw new ReferralInputError(`Unknown share format "${String(input.format)}"; use markdown, text or html`);
  }
}

export function renderUnpaidShares(input: Omit<UnpaidShareInput, 'format'>): Record<ShareFormat, string> {
  return {
    markdown: renderUnpaidShare({ ...input, format: 'markdown' }),
    text: renderUnpaidShare({ ...input, format: 'text' }),
    html: renderUnpaidShare({ ...input, format: 'html' }),
  };
}

/** All three formats at once (what the popup offers to copy). */
export function renderShares(input: Omit<ShareInput, 'format'>): Record<ShareFormat, string> {
  return {
    markdown: renderShare({ ...input, format: 'markdown' }),
    text: renderShare({ ...input, format: 'text' }),
    html: renderShare({ ...input, format: 'html' }),
  };
}
