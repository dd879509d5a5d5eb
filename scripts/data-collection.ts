// What the extension sends off the device, field by field, and the Firefox data-collection
// category each field falls into. The Firefox manifest's `data_collection_permissions`, the
// privacy policy's table (store/privacy-policy.md) and a test against the wire schemas are all
// derived from this one table, so a new field cannot be sent without being declared.
//
// Everything here goes only to a vendor endpoint the practitioner enrolled with (the options
// page asks the browser for that one origin), only after that enrolment, and only for what
// they created with a click. Nothing goes to the authors of Advocate; there is no analytics.

/** Firefox's personal-data categories (extensionworkshop.com, "Firefox built-in consent"). */
export type FirefoxDataCategory =
  | 'authenticationInfo'
  | 'bookmarksInfo'
  | 'browsingActivity'
  | 'financialAndPaymentInfo'
  | 'healthInfo'
  | 'locationInfo'
  | 'personalCommunications'
  | 'personallyIdentifyingInfo'
  | 'searchTerms'
  | 'websiteActivity'
  | 'websiteContent';

export interface SentField {
  /** What a person reads in the privacy policy. */
  what: string;
  /** The Firefox category, or null with `why` it is none. */
  category: FirefoxDataCategory | null;
  why?: string;
}

export interface Transmission {
  /** The request, as the vendor protocol names it (docs/protocol.md). */
  request: string;
  /** When it happens. */
  when: string;
  /** Body fields, keyed exactly as on the wire. Requests without a body have none. */
  fields: Record<string, SentField>;
}

/** A header, not a body field: on every call about the practitioner's own data (referrals, deals, stats, leaving). */
export const HEADERS: Record<string, SentField> = {
  authorization: {
    what: 'the access token the vendor issued at enrolment (the Authorization header)',
    category: 'authenticationInfo',
  },
};

export const TRANSMISSIONS = {
  vendor: { request: 'GET /v1/vendor', when: 'at enrolment, to learn the vendor’s name and signing key', fields: {} },
  enrol: {
    request: 'POST /v1/enrol',
    when: 'once, when the practitioner enrols on the options page',
    fields: {
      code: { what: 'the one-time enrolment code the vendor gave the practitioner', category: 'authenticationInfo' },
      client: { what: 'the add-on’s name and version (“Advocate 0.1.0”)', category: null, why: 'the same for every user; it names the software, not the person or the device' },
    },
  },
  referral: {
    request: 'POST /v1/referrals',
    when: 'after the practitioner creates a referral link (sent at once, or at the next sync when offline)',
    fields: {
      id: { what: 'a random id for the referral', category: null, why: 'random, so the vendor counts it once' },
      code: { what: 'the referral code in the link, which carries the practitioner’s number at that vendor', category: 'personallyIdentifyingInfo' },
      vendorId: { what: 'the vendor', category: null, why: 'the recipient itself' },
      productId: { what: 'the product recommended', category: null, why: 'from the vendor’s own catalog' },
      offerId: { what: 'the offer recommended', category: null, why: 'from the vendor’s own catalog' },
      channel: { what: 'where the practitioner said they will share the link (forum answer, issue, blog…)', category: null, why: 'a choice from a fixed list, made in the form' },
      campaign: { what: 'the campaign label the practitioner typed, if any', category: null, why: 'typed by the practitioner for the vendor' },
      pageHost: { what: 'the host of the page the referral was made on (github.com), unless the practitioner chose to share nothing', category: 'browsingActivity' },
      pageUrl: { what: 'the full address of that page, only if the practitioner opted in to share it', category: 'browsingActivity' },
      createdAt: { what: 'when the referral was created', category: null, why: 'a time stamp of the practitioner’s own action' },
      giveBack: { what: 'the project funding link and percentage the practitioner pledged, if any', category: null, why: 'a public funding link' },
    },
  },
  deal: {
    request: 'POST /v1/deals',
    when: 'after the practitioner registers a deal in the popup',
    fields: {
      id: { what: 'a random id for the deal', category: null, why: 'random, so the vendor counts it once' },
      vendorId: { what: 'the vendor', category: null, why: 'the recipient itself' },
      productId: { what: 'the product', category: null, why: 'from the vendor’s own catalog' },
      customerName: { what: 'the customer’s name the practitioner typed', category: 'personallyIdentifyingInfo' },
      customerDomain: { what: 'the customer’s domain name the practitioner typed', category: 'personallyIdentifyingInfo' },
      expectedSeats: { what: 'the expected number of seats, if given', category: null, why: 'a number the practitioner typed' },
      note: { what: 'the note the practitioner wrote to the vendor, if any', category: 'personallyIdentifyingInfo' },
      createdAt: { what: 'when the deal was registered', category: null, why: 'a time stamp of the practitioner’s own action' },
    },
  },
  stats: { request: 'GET /v1/stats', when: 'at each sync, to show clicks, conversions and commission', fields: {} },
  statements: { request: 'GET /v1/statements', when: 'when the popup’s Activity tab shows, to list the payout statements', fields: {} },
  catalog: { request: 'GET /v1/catalog', when: 'at enrolment and every few hours, to know the vendor’s products', fields: {} },
  credentials: { request: 'GET /v1/credentials/status', when: 'at enrolment and every few hours, to check certifications', fields: {} },
  leave: { request: 'DELETE /v1/enrolment', when: 'when the practitioner leaves a vendor', fields: {} },
} satisfies Record<string, Transmission>;

/** Every category used by any field: what Firefox must ask consent for. */
export function requiredCategories(): FirefoxDataCategory[] {
  const all = [...Object.values(HEADERS), ...Object.values(TRANSMISSIONS).flatMap((t: Transmission) => Object.values(t.fields))];
  return [...new Set(all.map((f) => f.category).filter((c): c is FirefoxDataCategory => c !== null))].sort();
}

/**
 * `browser_specific_settings.gecko.data_collection_permissions`. Required, not optional: the
 * product sends these as soon as the practitioner enrols and creates something, without asking
 * Firefox for an optional data permission first.
 */
export function dataCollectionPermissions(): { required: string[] } {
  const required = requiredCategories();
  return { required: required.length > 0 ? required : ['none'] };
}
