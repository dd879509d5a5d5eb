// The catalog format: vendor -> products -> offers. A product is one open-source project plus
// the signals that identify it on the web; an offer is a commercial subscription built on it.
// Validated with valibot (small, tree-shakable) because vendors' catalogs arrive over the network.
// Shared primitives (slugs, domain names, URLs, instants) come from ../schema.

import * as v from 'valibot';
import { isDomainName, parseEndpointUrl, parseInstant, parseWebUrl, requiredText, httpsUrl as webHttpsUrl, slug } from '../schema';
import { isStackExchangeHost } from '../detect/forums';
import { parseHostOrPath, parseRepositoryUrl } from './forms';

/** Lengths of catalog text, which no other schema shares. */
export const CATALOG_LIMITS = { name: 120, description: 200, sentence: 300 } as const;

/** Names and sentences a vendor sent: the shared text rule (NFC, no control or bidi characters). */
const text = requiredText;

const oneLine = (what: string, max: number) => v.pipe(text(what, max), v.check((s) => !/[\r\n]/.test(s), `${what} must be one line`));

/** An https URL on a public host name: what a person can open to check a claim or buy an offer. */
const httpsUrl = (what: string) =>
  v.pipe(webHttpsUrl(what), v.check((s) => isDomainName(parseWebUrl(s)?.hostname ?? ''), `${what} must be an https URL on a public host name`));

/** The vendor's Advocate endpoint: https, or plain http on loopback for a local reference endpoint. */
const endpointUrl = v.pipe(
  v.string(),
  v.check((s) => parseEndpointUrl(s).ok, 'must be an https URL (or http on 127.0.0.1 for a local endpoint)'),
);

/** A calendar day, `2026-12-01`: when a claim was last compared with its source. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const dayInstant = (day: string): number | null => (DAY_PATTERN.test(day) ? parseInstant(`${day}T00:00:00Z`) : null);
const day = (what: string) => v.pipe(v.string(`${what} must be text`), v.check((s) => dayInstant(s) !== null, `${what} must be a date such as 2026-12-01`));

/**
 * Where a claim can be checked and when it last was. `unverified` marks a claim written from
 * knowledge on `checked` without comparing it with `source`; `catalog check` lists those.
 */
const provenance = {
  source: v.optional(httpsUrl('source')),
  checked: v.optional(day('checked')),
  unverified: v.optional(v.literal(true, 'unverified must be true or left out')),
};

const pattern = (re: RegExp, message: string) => v.pipe(v.string(), v.regex(re, message));

/**
 * A signal is written as its value, or as an object that adds why it is old (`legacy`: still
 * detected, shown as old) and where that can be checked.
 */
const entry = <T extends v.GenericSchema<string, string>>(value: T) =>
  v.union([value, v.strictObject({ value, legacy: v.optional(oneLine('legacy', CATALOG_LIMITS.sentence)), ...provenance })]);
const entries = <T extends v.GenericSchema<string, string>>(value: T) => v.optional(v.array(entry(value)));

const repositoryUrl = v.pipe(
  v.string(),
  v.check(
    (s) => parseRepositoryUrl(s) !== null,
    'must be an https repository URL on github.com, gitlab.com, codeberg.org or bitbucket.org, such as https://github.com/owner/repo',
  ),
);

const hostOrPath = v.pipe(
  v.string(),
  v.check((s) => parseHostOrPath(s) !== null, 'must be a lower-case host ("discuss.elastic.co") or a host and one path segment ("www.postgresql.org/docs")'),
);

const PackagesSchema = v.strictObject({
  npm: entries(pattern(/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/, 'must be an npm package name such as "redis" or "@elastic/elasticsearch"')),
  pypi: entries(pattern(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'must be a PyPI project name')),
  maven: entries(pattern(/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/, 'must be "group:artifact"')),
  go: entries(pattern(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[A-Za-z0-9._~+-]+)*$/, 'must be a Go module path such as "github.com/redis/go-redis/v9"')),
  crates: entries(pattern(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a crates.io crate name')),
  rubygems: entries(pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a RubyGems gem name')),
  packagist: entries(pattern(/^[a-z0-9](?:[_.-]?[a-z0-9]+)*\/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]+)*$/, 'must be "vendor/name"')),
  nuget: entries(pattern(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'must be a NuGet package id')),
});

/** A Stack Exchange Q&A site as the detector knows them, so a catalog site can be matched at all. */
export const isStackExchangeSite = (host: string) => isDomainName(host) && isStackExchangeHost(host);

/** A forum, or a Stack Exchange site about this product alone: the whole site, never one path of it. */
const forum = v.pipe(
  hostOrPath,
  v.check((s) => !(s.includes('/') && isStackExchangeSite(s.slice(0, s.indexOf('/')))), 'a Stack Exchange site is a forum as a whole: write its host alone'),
);

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
  repositories: entries(repositoryUrl),
  githubOrgs: entries(pattern(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub organisation login')),
  packages: v.optional(PackagesSchema),
  images: entries(
    pattern(
      /^(?:(?:_|[a-z0-9]+(?:[._-][a-z0-9]+)*)\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
      'must be a Docker Hub image such as "_/mysql" (official) or "bitnami/mysql"',
    ),
  ),
  homepages: entries(hostOrPath),
  docs: entries(hostOrPath),
  /** Forums about the product alone; a Stack Exchange site dedicated to it counts (every question there is about it). */
  forums: entries(forum),
  mailingLists: entries(hostOrPath),
  subreddits: entries(pattern(/^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/, 'must be a subreddit name without "r/"')),
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
  name: text('offer name', CATALOG_LIMITS.name),
  url: httpsUrl('offer url'),
  /** One sentence: what the subscription adds over the community edition. */
  adds: v.pipe(
    text('adds', CATALOG_LIMITS.sentence),
    v.check((s) => !/[\r\n]/.test(s), 'must be one sentence on one line'),
  ),
  /** The public page that supports `adds`, and when they were last compared. */
  ...provenance,
  commission: CommissionSchema,
});

const FundingSchema = v.strictObject({
  platform: v.picklist(['github-sponsors', 'open-collective', 'other']),
  url: httpsUrl('funding url'),
});

/** The vendor no longer offers anything for this project: its pages are still recognised, with no offer. */
const DiscontinuedSchema = v.strictObject({ reason: oneLine('discontinued reason', CATALOG_LIMITS.sentence), ...provenance });

export const ProductSchema = v.pipe(
  v.strictObject({
    id: slug('product id'),
    name: text('product name', CATALOG_LIMITS.name),
    description: oneLine('description', CATALOG_LIMITS.description),
    /** The public page (repository, project site) that supports the description and signals. */
    ...provenance,
    signals: SignalsSchema,
    offers: v.array(OfferSchema),
    discontinued: v.optional(DiscontinuedSchema),
    funding: v.optional(v.array(FundingSchema)),
  }),
  v.forward(
    v.check(
      (p) => (p.discontinued ? p.offers.length === 0 : p.offers.length > 0),
      (issue) =>
        (issue.input as { discontinued?: unknown }).discontinued
          ? 'a discontinued product shows no offer: remove its offers'
          : 'a product needs at least one offer (or "discontinued" with the reason)',
    ),
    ['offers'],
  ),
);

export const VendorSchema = v.pipe(
  v.strictObject({
    id: slug('vendor id'),
    name: text('vendor name', CATALOG_LIMITS.name),
    homepage: httpsUrl('homepage'),
    /** Supports the vendor's name (its owner, say). */
    ...provenance,
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
/** One written signal: its value, or the value with why it is old. */
export type SignalEntry = NonNullable<Signals['repositories']>[number];
export type Provenance = Pick<Product, 'source' | 'checked' | 'unverified'>;
