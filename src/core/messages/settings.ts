// The practitioner's settings: one schema; the patch the options page sends and the settings an
// export file carries are derived from it. Worker only (valibot).
import * as v from 'valibot';
import { DEFAULT_DISCLOSURE } from '../referral/disclosure';
import { PageShareSchema } from '../referral/referral';
import { domainName, LIMITS, SLUG_PATTERN, slug } from '../schema';

export const MAX_MUTED_HOSTS = 500;
export const MAX_MUTED_PRODUCTS = 500;
/** Dismissed suggestions kept; the oldest go first. */
export const MAX_DISMISSED = 1000;

/** One dismissed suggestion: a product on one site, `mysql@github.com`. */
export const dismissalKey = (productId: string, host: string) => `${productId}@${host}`;
const DISMISSAL = new RegExp(`^${SLUG_PATTERN.source.slice(1, -1)}@[a-z0-9.-]+$`);

export const SettingsSchema = v.object({
  /** Checked further by validateDisclosure (never empty, says "paid") when it is saved. */
  disclosure: v.pipe(v.string('disclosure must be text'), v.trim(), v.maxLength(LIMITS.disclosure, `the disclosure is longer than ${LIMITS.disclosure} characters`)),
  /** The default for what of the page URL travels with a referral. */
  sharePageUrl: PageShareSchema,
  /** Suggest while browsing; false is the global pause (no suggestion in any page or on the toolbar). */
  suggestionsEnabled: v.boolean('suggestionsEnabled must be true or false'),
  /** In-page suggestions and the reply-box button; false keeps Advocate to the toolbar icon. */
  inPage: v.boolean('inPage must be true or false'),
  /** "Not on this site": hosts where nothing is suggested. */
  mutedHosts: v.pipe(v.array(domainName('muted host')), v.maxLength(MAX_MUTED_HOSTS, `at most ${MAX_MUTED_HOSTS} muted hosts`)),
  /** "Not for this product": product ids never suggested. */
  mutedProducts: v.pipe(v.array(slug('muted product')), v.maxLength(MAX_MUTED_PRODUCTS, `at most ${MAX_MUTED_PRODUCTS} muted products`)),
  /** Suggestions closed with ×: a product on one site (`mysql@github.com`). */
  dismissed: v.pipe(
    v.array(v.pipe(v.string(), v.regex(DISMISSAL, 'a dismissal looks like "mysql@github.com"'))),
    v.maxLength(MAX_DISMISSED, `at most ${MAX_DISMISSED} dismissed suggestions`),
  ),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const SettingsPatchSchema = v.strictObject(v.partial(SettingsSchema).entries);
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  disclosure: DEFAULT_DISCLOSURE,
  sharePageUrl: 'host',
  suggestionsEnabled: true,
  inPage: true,
  mutedHosts: [],
  mutedProducts: [],
  dismissed: [],
};
