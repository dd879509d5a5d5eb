// The practitioner's settings, stored in the extension's IndexedDB.
import type { SettingsView } from '../core/messages/views';
import type { Payloads } from '../core/messages/schemas';
import type { Db } from './db';
import { CommandFailure } from './errors';
import { DEFAULT_DISCLOSURE, validateDisclosure } from './ports';

export const DEFAULT_SETTINGS: SettingsView = {
  disclosure: DEFAULT_DISCLOSURE,
  sharePageUrl: 'host',
  suggestionsEnabled: true,
  mutedHosts: [],
};

export async function readSettings(db: Db): Promise<SettingsView> {
  const stored = (await db.get('meta', 'settings')) as Partial<SettingsView> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Applies a validated patch; the disclosure must pass validateDisclosure (never empty, says "paid"). */
export async function writeSettings(db: Db, patch: Payloads['settings.set']): Promise<SettingsView> {
  if (patch.disclosure !== undefined) {
    const check = validateDisclosure(patch.disclosure);
    if (!check.ok) throw new CommandFailure('invalid-disclosure', check.message);
  }
  const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
  const current = { ...DEFAULT_SETTINGS, ...((await tx.store.get('settings')) as Partial<SettingsView> | undefined) };
  const next: SettingsView = { ...current };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  await Promise.all([tx.store.put(next, 'settings'), tx.done]);
  return next;
}
