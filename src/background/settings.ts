// The practitioner's settings, stored in the extension's IndexedDB (schema: core/messages/settings).
import { DEFAULT_SETTINGS, dismissalKey, MAX_DISMISSED, MAX_MUTED_HOSTS, MAX_MUTED_PRODUCTS, type Settings, type SettingsPatch } from '../core/messages/settings';
import { validateDisclosure } from '../core/referral/disclosure';
import { t } from '../ui/i18n';
import type { Db } from './db';
import { CommandFailure } from './errors';

export async function readSettings(db: Db): Promise<Settings> {
  const stored = (await db.get('meta', 'settings')) as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Applies a validated patch; the disclosure must pass validateDisclosure (never empty, says "paid"). */
export async function writeSettings(db: Db, patch: SettingsPatch): Promise<Settings> {
  if (patch.disclosure !== undefined) {
    const check = validateDisclosure(patch.disclosure, t);
    if (!check.ok) throw new CommandFailure('invalid-disclosure', check.message);
  }
  const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
  const current = { ...DEFAULT_SETTINGS, ...((await tx.store.get('settings')) as Partial<Settings> | undefined) };
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  await Promise.all([tx.store.put(next, 'settings'), tx.done]);
  return next;
}

const added = (list: readonly string[], item: string, max: number) => (list.includes(item) ? [...list] : [...list, item].slice(-max));

/** ×, "Not on this site" or "Not for this product", from the page's own suggestion. */
export async function dismiss(db: Db, scope: 'here' | 'site' | 'product', productId: string, host: string): Promise<Settings> {
  const current = await readSettings(db);
  if (scope === 'site') return writeSettings(db, { mutedHosts: added(current.mutedHosts, host, MAX_MUTED_HOSTS) });
  if (scope === 'product') return writeSettings(db, { mutedProducts: added(current.mutedProducts, productId, MAX_MUTED_PRODUCTS) });
  return writeSettings(db, { dismissed: added(current.dismissed, dismissalKey(productId, host), MAX_DISMISSED) });
}
