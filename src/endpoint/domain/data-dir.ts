// The vendor's secrets that live beside the database, in DATA_DIR files (mode 0600) so the
// operator can read them: the admin token, the webhook secret, and (unless ADVOCATE_DATA_KEY
// is set) the data key that seals referral secrets and the signing key. Only hashes of the
// admin token are compared at runtime.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EndpointSecrets, Log } from '../context';
import { randomToken } from './secrets';

function fileSecret(dataDir: string, name: string, given: string | undefined, make: () => string, onCreate?: () => void): string {
  const path = join(dataDir, name);
  if (given !== undefined) {
    writeFileSync(path, `${given}\n`, { mode: 0o600 });
    return given;
  }
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored) return stored;
  }
  const fresh = make();
  writeFileSync(path, `${fresh}\n`, { mode: 0o600 });
  onCreate?.();
  return fresh;
}

export function loadSecrets(dataDir: string, given: { adminToken?: string | undefined; webhookSecret?: string | undefined; dataKey?: Uint8Array | undefined }, log: Log): EndpointSecrets {
  const adminToken = fileSecret(dataDir, 'admin-token', given.adminToken, () => randomToken('adm_'));
  const webhookSecret = fileSecret(dataDir, 'webhook-secret', given.webhookSecret, () => `whsec_${randomBytes(24).toString('base64')}`);
  const dataKey =
    given.dataKey ??
    Buffer.from(
      fileSecret(dataDir, 'data-key', undefined, () => randomBytes(32).toString('base64url'), () =>
        log.warn(`generated a data key in ${join(dataDir, 'data-key')}: it seals referral secrets and the signing key. Keep it apart from database backups (or set ADVOCATE_DATA_KEY); without it the database cannot be opened.`),
      ),
      'base64url',
    );
  if (dataKey.length !== 32) throw new Error(`${join(dataDir, 'data-key')} must hold 32 bytes in base64url.`);
  return { adminToken, webhookSecret, dataKey };
}
