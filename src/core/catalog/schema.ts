// The catalog format: vendor -> products -> offers. A product is one open-source project plus
// the signals that identify it on the web; an offer is a commercial subscription built on it.
// Validated with valibot (small, tree-shakable) because vendors' catalogs arrive over the network.

import * as v from 'valibot';
import { isHostname, parseHostOrPath, parseHttpsUrl, parseRepositoryUrl } from './forms';

const slug = (what: string) =>
  v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${what} must be a lower-case slug such as "mysql" or "red-hat"`));

const text = (what: string, max: number) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty(`${what} must not be empty`), v.maxLength(max, `${what} is longer than ${max} characters`));

const httpsUrl = v.pipe(
  v.string(),
  v.check((s) => parseHttpsUrl(s) !== null, 'must be an https URL on a public host name'),
);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The vendor's Advocate endpoint: https, or plain http on loopback for a local reference endpoint. */
const endpointUrl = v.pipe(
  v.string(),
  v.check((s) => {
    if (parseHttpsUrl(s)) return true;
    try {
      const u = new URL(s);
      return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
    } catch {
      return false;
    }
  }, 'must be an https URL (or http on 127.0.0.1 for a local endpoint)'),
);

const list = <T extends v.GenericSchema<string, string>>(item: T) => v.optional(v.array(item));
const pattern = (re: RegExp, message: string) => v.pipe(v.string(), v.regex(re, message));

const repositoryUrl = v.pipe(
  v.string(),
  v.check(
    (s) => parseRepositoryUrl(s) !== null,
    'must be an https repository URL on github.com, gitlab.com, codeberg.org or bitbucket.org, such as https://github.com/owner/repo',
  ),
);

const hostOrPath = v.pipe(
  v.string(),
  v.check((s) => parseHostOrPath(s) !== null, 'must be a host ("discuss.elastic.co") or a host and one path segment ("www.postgresql.org/docs")'),
);

const PackagesSchema = v.strictObject({
  npm: list(pattern(/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/, 'must be an npm package name such as "redis" or "@elastic/elasticsearch"')),
  pypi: list(pattern(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'must be a PyPI project name')),
  maven: list(pattern(/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/, 'must be "group:artifact"')),
  go: list(pattern(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[A-Za-z0-9._~+-]+)*$/, 'must be a Go module path such as "github.com/redis/go-redis/v9"')),
  crates: list(pattern(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a crates.io crate name')),
  rubygems: list(pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a RubyGems gem name')),
  packagist: list(pattern(/^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/, 'must be "vendor/name"')),
  nuget: list(pattern(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'must be a NuGet package id')),
});

const NAMED_STACK_EXCHANGE_SITES = new Set(['stackoverflow.com', 'serverfault.com', 'superuser.com', 'askubuntu.com', 'mathoverflow.net', 'stackapps.com']);
const isStackExchangeSite = (host: string) =>
  isHostname(host) &&
  (NAMED_STACK_EXCHANGE_SITES.has(host) || host.endsWith('.stackexchange.com') || host.endsWith('.stackoverflow.com'));

const StackExchangeSchema = v.strictObject({
  site: v.pipe(
    v.string(),
    v.check(isStackExchangeSite, 'must be a Stack Exchange site host such as "stackoverflow.com" or "dba.stackexchange.com"'),
  ),
  tags: v.pipe(
    v.array(pattern(/^[a-z0-9+#][a-z0-9+#.-]*$/, 'must be a lower-case Stack Exchange tag such as "apache-kafka"')),
    v.nonEmpty('must name at least one tag'),
  ),
});

export const SignalsSchema = v.strictObject({
  repositories: list(repositoryUrl),
  githubOrgs: list(pattern(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub organisation login')),
  packages: v.optional(PackagesSchema),
  images: list(
    pattern(
      /^(?:(?:_|[a-z0-9]+(?:[._-][a-z0-9]+)*)\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
      'must be a Docker Hub image such as "_/mysql" (official) or "bitnami/mysql"',
    ),
  ),
  homepages: list(hostOrPath),
  docs: list(hostOrPath),
  forums: list(hostOrPath),
  mailingLists: list(hostOrPath),
  subreddits: list(pattern(/^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/, 'must be a subreddit name without "r/"')),
  stackExchange: v.optional(v.array(StackExchangeSchema)),
});

const CommissionSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('percent'),
    value: v.pipe(v.number(), v.gtValue(0, 'must be above 0'), v.maxValue(100, 'must be at most 100')),
    period: v.picklist(['first-year', 'recurring', 'one-time']),
  }),
  v.strictObject({
    kind: v.literal('fixed'),
    value: v.pipe(v.number(), v.finite(), v.gtValue(0, 'must be above 0')),
    currency: pattern(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
    period: v.picklist(['first-year', 'recurring', 'one-time']),
  }),
]);

export const OfferSchema = v.strictObject({
  id: slug('offer id'),
  name: text('offer name', 120),
  url: httpsUrl,
  adds: v.pipe(
    text('adds', 300),
    v.check((s) => !/[\r\n]/.test(s), 'must be one sentence on one line'),
  ),
  commission: CommissionSchema,
});

const FundingSchema = v.strictObject({
  platform: v.picklist(['github-sponsors', 'open-collective', 'other']),
  url: httpsUrl,
});

export const ProductSchema = v.strictObject({
  id: slug('product id'),
  name: text('product name', 120),
  description: v.pipe(
    text('description', 200),
    v.check((s) => !/[\r\n]/.test(s), 'must be one line'),
  ),
  signals: SignalsSchema,
  offers: v.pipe(v.array(OfferSchema), v.nonEmpty('a product needs at least one offer')),
  funding: v.optional(v.array(FundingSchema)),
});

export const VendorSchema = v.pipe(
  v.strictObject({
    id: slug('vendor id'),
    name: text('vendor name', 120),
    homepage: httpsUrl,
    referral: v.strictObject({
      linkStyle: v.picklist(['redirect', 'offer-param']),
      endpoint: v.optional(endpointUrl),
    }),
    currency: pattern(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
    products: v.array(ProductSchema),
  }),
  // Redirect links go through the vendor's endpoint (/r/:code), so it must be known.
  v.forward(
    v.check((vendor) => vendor.referral.linkStyle !== 'redirect' || vendor.referral.endpoint !== undefined, 'a "redirect" vendor must name its endpoint'),
    ['referral', 'endpoint'],
  ),
);

export const CatalogSchema = v.strictObject({
  schemaVersion: v.literal(1),
  vendors: v.array(VendorSchema),
});

export type Catalog = v.InferOutput<typeof CatalogSchema>;
export type Vendor = v.InferOutput<typeof VendorSchema>;
export type Product = v.InferOutput<typeof ProductSchema>;
export type Offer = v.InferOutput<typeof OfferSchema>;
export type Signals = v.InferOutput<typeof SignalsSchema>;
export type Commission = Offer['commission'];
