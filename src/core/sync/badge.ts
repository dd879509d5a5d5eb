// The toolbar badge: one glance says whether something needs the practitioner.

export interface BadgeInput {
  /** A stored problem: storage full, database closed, a vendor asking to re-enrol, parked items. */
  hasError: boolean;
  /** Conversions reported by vendors since the popup was last opened. */
  newConversions: number;
  /** Referrals and deals not yet accepted by their vendor. */
  unsynced: number;
}

export interface Badge {
  text: string;
  color: string;
}

export const BADGE_COLORS = { error: '#b3261e', conversions: '#1b7f3b', unsynced: '#5f6368' } as const;

// Chrome shows about four characters.
const count = (n: number) => (n > 999 ? '1k+' : String(n));

/** Errors first (they need action), then good news, then quiet progress. */
export function badgeFor(input: BadgeInput): Badge {
  if (input.hasError) return { text: '!', color: BADGE_COLORS.error };
  if (input.newConversions > 0) return { text: `+${count(input.newConversions)}`, color: BADGE_COLORS.conversions };
  if (input.unsynced > 0) return { text: count(input.unsynced), color: BADGE_COLORS.unsynced };
  return { text: '', color: BADGE_COLORS.unsynced };
}
