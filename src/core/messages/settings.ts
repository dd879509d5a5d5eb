// The practitioner's settings: one schema; the patch the options page sends and the settings an
// export file carries are derived from it. Worker only (valibot).
import * as v from 'valibot';
import { DEFAULT_DISCLOSURE } from '../referral/disclosure';
import { PageShareSchema } from '../referral/referral';
import { domainName, LIMITS } from '../schema';

export const MAX_MUTED_HOSTS = 500;

export const SettingsSchema = v.object({
  /** Checked further by validateDisclosure (never empty, says "paid") when it is saved. */
  disclosure: v.pipe(v.string('disclosure must be text'), v.trim(), v.maxLength(LIMITS.disclosure, `the disclosure is longer than ${LIMITS.disclosure} characters`)),
  /** The default for what of the page URL travels with a referral. */
  sharePageUrl: PageShareSchema,
  suggestionsEnabled: v.boolean('suggestionsEnabled must be true or false'),
  /** Hosts where no in-page suggestion is shown. */
  mutedHosts: v.pipe(v.array(domainName('muted host')), v.maxLength(MAX_MUTED_HOSTS, `at most ${MAX_MUTED_HOSTS} muted hosts`)),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const SettingsPatchSchema = v.strictObject(v.partial(SettingsSchema).entries);
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  disclosure: DEFAULT_DISCLOSURE,
  sharePageUrl: 'host',
  suggestionsEnabled: true,
  mutedHosts: [],
};
