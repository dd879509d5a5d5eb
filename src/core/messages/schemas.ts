// Payload schemas for every command. Only the service worker imports this file: it pulls in
// valibot, which must not land in the content script (see ./commands.ts for the light half).
import * as v from 'valibot';
import { DealRequestSchema } from '../referral/deal';
import { ReferralRequestSchema } from '../referral/referral';
import type { CommandName } from './commands';
import { domainName, LIMITS, slug, uuid, webUrl } from '../schema';

const MAX_URL = 2048;
const text = (what: string, max: number) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.nonEmpty(`${what} must not be empty`), v.maxLength(max, `${what} is longer than ${max} characters`));
const optionalText = (what: string, max: number) =>
  v.optional(v.pipe(v.string(`${what} must be text`), v.trim(), v.maxLength(max, `${what} is longer than ${max} characters`)));


const empty = v.optional(v.strictObject({}), {});

/** What the content script found on a page (the shape of detectPage's result); unknown members are dropped. */
export const DetectionSchema = v.object({
  pageType: v.picklist(['project', 'forum', 'other'], 'detection.pageType must be project, forum or other'),
  site: v.pipe(v.string(), v.maxLength(253)),
  keys: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(300), v.regex(/^[a-z-]+:\S+$/, 'detection keys look like "github:owner/repo"'))),
    v.maxLength(64, 'too many detection keys'),
  ),
  confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});

export const DisclosureSettingsSchema = v.pipe(v.string('disclosure must be text'), v.trim(), v.maxLength(600, 'the disclosure is longer than 600 characters'));

export const SettingsPatchSchema = v.strictObject({
  disclosure: v.optional(DisclosureSettingsSchema),
  /** What of the page URL travels with a referral: nothing, its host (default) or the full URL (opt-in). */
  sharePageUrl: v.optional(v.picklist(['none', 'host', 'full'], 'sharePageUrl must be none, host or full')),
  suggestionsEnabled: v.optional(v.boolean()),
  /** Hosts where the in-page suggestion is not shown. */
  mutedHosts: v.optional(v.pipe(v.array(domainName('muted host')), v.maxLength(500, 'at most 500 muted hosts'))),
});

export const PAYLOAD_SCHEMAS = {
  'page.detected': v.strictObject({ url: webUrl('url'), detection: DetectionSchema }),
  'page.forTab': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  'catalog.search': v.strictObject({ query: v.pipe(v.string(), v.trim(), v.maxLength(200)), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))) }),
  'vendors.list': empty,
  'vendors.enrol': v.strictObject({ endpoint: text('endpoint', MAX_URL), code: text('enrolment code', 200) }),
  'vendors.leave': v.strictObject({ vendorId: slug('vendorId') }),
  'referrals.create': ReferralRequestSchema,
  'deals.register': DealRequestSchema,
  'activity.get': v.optional(v.strictObject({ markSeen: v.optional(v.boolean()), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))) }), {}),
  'sync.now': empty,
  'outbox.retry': v.strictObject({ id: uuid('id') }),
  'settings.get': empty,
  'settings.set': SettingsPatchSchema,
  'data.export': empty,
  'data.import': v.strictObject({ json: v.pipe(v.string('the import must be the text of an export file'), v.maxLength(50_000_000, 'the import file is too large')) }),
} satisfies Record<CommandName, v.GenericSchema>;

export type Payloads = { [K in CommandName]: v.InferOutput<(typeof PAYLOAD_SCHEMAS)[K]> };
export type PayloadInputs = { [K in CommandName]: v.InferInput<(typeof PAYLOAD_SCHEMAS)[K]> };
