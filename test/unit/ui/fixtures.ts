// Worker answers as the popup and the options page receive them.
import type { PageMatch } from '../../../src/core/match';
import type { ActivityView, CredentialView, ReferralView, SettingsView, ShareView, VendorView } from '../../../src/core/messages';

export function credential(state: CredentialView['state'], productId = 'widgetdb', extra: Partial<CredentialView> = {}): CredentialView {
  return {
    credentialId: `urn:uuid:${state}-${productId}`,
    state,
    reason: state === 'valid' ? 'signature verified' : `credential is ${state}`,
    productId,
    level: 'professional',
    achievementName: `Certified ${productId} Professional`,
    validUntil: '2027-06-30T00:00:00Z',
    ...extra,
  };
}

export function vendor(id: string, name: string, credentials: CredentialView[] = []): VendorView {
  return {
    id,
    name,
    homepage: `https://${id}.example`,
    endpoint: `https://advocate.${id}.example`,
    enrolledAt: '2026-01-10T09:00:00Z',
    practitioner: { id: `p-${id}`, number: 42, displayName: 'Ada Practitioner', email: 'ada@example.org' },
    credentials,
    certified: credentials.some((c) => c.state === 'valid'),
    sync: { status: 'ok', pending: 0, parked: 0 },
    catalog: { products: 3 },
  };
}

const offer = (id: string, name: string, adds: string) => ({
  id,
  name,
  url: `https://shop.example/${id}`,
  adds,
  commission: { kind: 'percent' as const, value: 10, period: 'first-year' as const },
});

/** A GitHub issue about WidgetDB, offered by two enrolled vendors and one the practitioner is not enrolled with. */
export const WIDGETDB_MATCH: PageMatch = {
  pageType: 'project',
  site: 'github',
  confidence: 0.95,
  keys: ['github:acme/widgetdb'],
  products: [
    {
      productId: 'widgetdb',
      name: 'WidgetDB',
      matchedBy: ['github:acme/widgetdb'],
      offers: [
        { vendorId: 'acme', vendorName: 'Acme', offer: offer('enterprise', 'WidgetDB Enterprise', 'Adds point-in-time recovery and 24/7 support.') },
        { vendorId: 'globex', vendorName: 'Globex', offer: offer('managed', 'Managed WidgetDB', 'Adds a fully managed cluster with automatic failover.') },
        { vendorId: 'initech', vendorName: 'Initech', offer: offer('gold', 'WidgetDB Gold', 'Adds audit logging.'), programme: true },
      ],
    },
  ],
};

/** WidgetDB also sold by a vendor that runs no Advocate programme (a starter-catalog vendor without an endpoint). */
export const WIDGETDB_WITH_UNPAID: PageMatch = {
  ...WIDGETDB_MATCH,
  products: [
    {
      ...WIDGETDB_MATCH.products[0]!,
      offers: [
        { vendorId: 'hooli', vendorName: 'Hooli', offer: offer('cloud', 'Hooli WidgetDB Cloud', 'Adds hosted backups.') },
        ...WIDGETDB_MATCH.products[0]!.offers,
      ],
    },
  ],
};

export const SETTINGS: SettingsView = {
  disclosure: 'Disclosure: this is a paid referral link — I may earn a commission from {vendor}.',
  sharePageUrl: 'host',
  suggestionsEnabled: true,
  inPage: true,
  mutedHosts: [],
  mutedProducts: [],
  dismissed: [],
};

export const SHARE: ShareView = {
  markdown: '[WidgetDB Enterprise by Acme](https://acme.example/r/ABC123)\n\nDisclosure: this is a paid referral link.',
  text: 'WidgetDB Enterprise by Acme: https://acme.example/r/ABC123\nDisclosure: this is a paid referral link.',
  html: '<p><a href="https://acme.example/r/ABC123" rel="sponsored noopener">WidgetDB Enterprise by Acme</a></p>\n<p>Disclosure: this is a paid referral link.</p>',
};

export function referral(id: string, sync: ReferralView['sync'], extra: Partial<ReferralView> = {}): ReferralView {
  return {
    id,
    code: 'ABC123',
    vendorId: 'acme',
    productId: 'widgetdb',
    offerId: 'enterprise',
    channel: 'issue-comment',
    createdAt: '2026-03-01T10:00:00Z',
    link: 'https://acme.example/r/ABC123',
    sync,
    ...extra,
  };
}

export const EMPTY_ACTIVITY: ActivityView = { referrals: [], deals: [], totals: [], parked: [], unsynced: 0, newConversions: 0, problems: [] };
