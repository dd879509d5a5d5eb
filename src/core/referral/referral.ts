// A referral is created offline, the moment the practitioner asks for a link: it gets its own
// id and code here and never needs the network. Only what the practitioner chose to share of
// the page travels with it (principle 3): by default the host, the full URL only on opt-in.
import * as v from 'valibot';
import { decodeBase64Url } from '../credential/base64url';
import { LIMITS } from '../schema';
import { CHANNELS, type Channel } from './channels';
import { createReferralCode, normaliseReferralCode, randomNonce } from './code';
import { ReferralInputError, assertValidDate, isoTime, newId, optionalText, parseOrThrow, parseWebUrl, slug, uuid } from './input';

const MAX_URL = 2048;

const webUrl = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.maxLength(MAX_URL, `${what} is longer than ${MAX_URL} characters`),
    v.check((s) => parseWebUrl(s) !== null, `${what} must be an http(s) URL`),
  );

export const GiveBackSchema = v.strictObject({
  url: v.pipe(webUrl('give-back URL'), v.check((s) => s.startsWith('https:'), 'give-back URL must be https')),
  percent: v.pipe(
    v.number('give-back percent must be a number'),
    v.integer('give-back percent must be a whole number'),
    v.minValue(1, 'give-back percent must be between 1 and 100'),
    v.maxValue(100, 'give-back percent must be between 1 and 100'),
  ),
});
export type GiveBack = v.InferOutput<typeof GiveBackSchema>;

const channel = v.picklist(CHANNELS, `channel must be one of ${CHANNELS.join(', ')}`);

/** What of the page travels: `true`/'full' the whole URL (opt-in), otherwise only its host; 'none' nothing. */
export type PageShare = boolean | 'none' | 'host' | 'full';

export const ReferralInputSchema = v.strictObject({
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  offerId: slug('offerId'),
  channel,
  campaign: optionalText('campaign', LIMITS.campaign),
  pageUrl: v.optional(webUrl('pageUrl')),
  sharePageUrl: v.optional(v.union([v.boolean(), v.picklist(['none', 'host', 'full'])], 'sharePageUrl must be true, false, "none", "host" or "full"')),
  giveBack: v.optional(GiveBackSchema),
});
export type ReferralInput = v.InferInput<typeof ReferralInputSchema>;

/** The stored and synced record (the `POST /v1/referrals` item). */
export const ReferralSchema = v.strictObject({
  id: uuid,
  code: v.pipe(
    v.string('code must be text'),
    v.check((s) => normaliseReferralCode(s) === s, 'code must be a lower-case 24-character referral code'),
  ),
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  offerId: slug('offerId'),
  channel,
  campaign: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.campaign))),
  pageUrl: v.optional(webUrl('pageUrl')),
  pageHost: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.:[\]-]{1,253}$/, 'pageHost must be a lower-case host name'))),
  createdAt: isoTime,
  giveBack: v.optional(GiveBackSchema),
});
export type Referral = v.InferOutput<typeof ReferralSchema>;

export interface ReferralContext {
  /** uint32 the vendor issued at enrolment. */
  practitionerNumber: number;
  /** The vendor's referral-signing secret: raw bytes, or the base64url text from enrolment. */
  secret: Uint8Array | string;
  now: Date;
  /** Defaults to crypto.randomUUID (v4); must return a lower-case UUID. */
  randomId?: () => string;
  /** Defaults to 5 random bytes; injectable for reproducible tests. */
  randomNonce?: () => Uint8Array;
}

function secretBytes(secret: Uint8Array | string): Uint8Array {
  const bytes = typeof secret === 'string' ? decodeBase64Url(secret) : secret;
  if (!bytes) throw new ReferralInputError('The referral secret is not base64url text');
  if (bytes.length < 16) throw new ReferralInputError('The referral secret is too short (needs at least 16 bytes); enrol again');
  return bytes;
}

/** Without credentials or (unless opted in) path, query and fragment. */
function sharedPage(pageUrl: string | undefined, share: PageShare | undefined): { pageUrl?: string; pageHost?: string } {
  if (pageUrl === undefined || share === 'none') return {};
  const url = parseWebUrl(pageUrl)!; // the schema checked it
  const pageHost = url.host.toLowerCase();
  if (share !== true && share !== 'full') return { pageHost };
  url.username = '';
  url.password = '';
  return { pageUrl: url.href, pageHost };
}

/** Validates the input, creates the code and returns the record to store. Throws ReferralInputError. */
export async function newReferral(input: ReferralInput, context: ReferralContext): Promise<Referral> {
  const ok = parseOrThrow(ReferralInputSchema, input, 'referral');
  const createdAt = assertValidDate(context.now);
  const id = newId(context.randomId);
  const code = await createReferralCode(
    { practitionerNumber: context.practitionerNumber, nonce: (context.randomNonce ?? randomNonce)() },
    secretBytes(context.secret),
  ).catch((error: unknown) => {
    throw new ReferralInputError(`Cannot create a referral code: ${(error as Error).message}`);
  });
  return {
    id,
    code,
    vendorId: ok.vendorId,
    productId: ok.productId,
    offerId: ok.offerId,
    channel: ok.channel as Channel,
    ...(ok.campaign === undefined ? {} : { campaign: ok.campaign }),
    ...sharedPage(ok.pageUrl, ok.sharePageUrl),
    createdAt,
    ...(ok.giveBack === undefined ? {} : { giveBack: ok.giveBack }),
  };
}
