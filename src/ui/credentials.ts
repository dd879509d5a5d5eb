import type { CredentialView, VendorView } from '../core/messages';

const STATE_ORDER: Record<CredentialView['state'], number> = {
  valid: 0,
  'not-yet-valid': 1,
  expired: 2,
  revoked: 3,
  'wrong-issuer': 4,
  forged: 5,
  malformed: 6,
};

/** The credential that best describes the practitioner's standing for a product: a valid one first. */
export function credentialFor(vendor: VendorView | undefined, productId: string): CredentialView | undefined {
  const own = (vendor?.credentials ?? []).filter((c) => c.productId === productId);
  return own.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (b.validUntil ?? '').localeCompare(a.validUntil ?? ''))[0];
}
