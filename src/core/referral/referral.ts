// A referral is created offline, the moment the practitioner asks for a link: it gets its own
// id and code here and never needs the network. Only what the practitioner chose to share of
// the page travels with it (principle 3): by default the host, the full URL only on opt-in.
//
// One schema for the concept (`ReferralSchema`: the outbox record's item and the
// `POST /v1/referrals` item alike); the practitioner's request is derived from it.
import * as v from 'valibot';
import { decodeBase64Url } from '../credential/base64url';
import { instant, instantOf, LIMITS, newId, optionalText, parseWebUrl, slug, uuid, webUrl } from '../schema';
import { CHANNELS } from './channels';
import { createReferralCode, normaliseReferralCode, randomNonce } from './code';
import { ReferralInputError, parseOrThrow } from './errors';
import { GiveBackSchema } from './give-back';

/** What of the page travels with a referral: nothing, its host (the default) or the full URL (opt-in). */
export const PAGE_SHARES = ['none', 'host', 'full'] as const;
export type PageShare = (typeof PAGE_SHARES)[number];
export const PageShareSchema = v.picklist(PAGE_SHARES, 'sharePageUrl must be "none", "host" or "full"');

/** Any spelling a person reads aloud; stored and sent in the canonical lower-case form. */
const referralCode = v.pipe(
  v.string('code must be text'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const code = normaliseReferralCode(dataset.value);
    if (code === null) {
      addIssue({ message: 'code must be a 24-character referral code' });
      return NEVER;
    }
    return code;
  }),
);

/** A host as URL.host spells it (lower case, with a port when there is one). */
const pageHost = v.pipe(
  v.string('pageHost must be text'),
  v.maxLength(LIMITS.host, `pageHost is longer than ${LIMITS.host} characters`),
  v.check((s) => parseWebUrl(`https://${s}/`)?.host === s, 'pageHost must be a lower-case host name'),
);

export const ReferralSchema = v.object({
  id: uuid('id'),
  code: referralCode,
  vendorId: slug('vendorId'),
  productId: slug('productId'),
  offerId: slug('offerId'),
  channel: v.picklist(CHANNELS, `channel must be one of ${CHANNELS.join(', ')}`),
  campaign: optionalText('campaign', LIMITS.campaign),
  pageUrl: v.optional(webUrl('pageUrl')),
  pageHost: v.optional(pageHost),
  createdAt: instant('createdAt'),
  giveBack: v.optional(GiveBackSchema),
});
export type Referral = v.InferOutput<typeof ReferralSchema>;

/** What the practitioner asks for; id, code, time and what is shared of the page are made here. */
export const ReferralRequestSchema = v.strictObject({
  ...v.pick(ReferralSchema, ['vendorId', 'productId', 'offerId', 'channel', 'campaign', 'pageUrl', 'giveBack']).entries,
  sharePageUrl: v.optional(PageShareSchema),
});
export type ReferralRequest = v.InferInput<typeof ReferralRequestSchema>;

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
function sharedPage(pageUrl: string | undefined, share: PageShare = 'host'): { pageUrl?: string; pageHost?: string } {
  if (pageUrl === undefined || share === 'none') return {};
  const url = parseWebUrl(pageUrl)!; // the schema checked it
  const pageHost = url.host;
  if (share !== 'full') return { pageHost };
  url.username = '';
  url.password = '';
  return { pageUrl: url.href, pageHost };
}

/** Validates the request, creates the code and returns the record to store. Throws ReferralInputError. */
export async function newReferral(request: ReferralRequest, context: ReferralContext): Promise<Referral> {
  const ok = parseOrThrow(ReferralRequestSchema, request, 'referral');
  const createdAt = instantOf(context.now);
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
    channel: ok.channel,
    ...(ok.campaign === undefined ? {} : { campaign: ok.campaign }),
    ...sharedPage(ok.pageUrl, ok.sharePageUrl),
    createdAt,
    ...(ok.giveBack === undefined ? {} : { giveBack: ok.giveBack }),
  };
}
