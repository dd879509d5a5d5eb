// Secrets at rest: referral secrets and the vendor's signing key are stored sealed with
// AES-256-GCM under a key that is not in the database (ADVOCATE_DATA_KEY, or DATA_DIR/data-key).
// A copy of the database alone can then neither forge referral codes nor sign credentials.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('The data key must be 32 bytes.');
    this.key = Buffer.from(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Opens a sealed value; a value written before sealing existed is returned as it is. */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('A sealed secret does not open with this data key: start with the ADVOCATE_DATA_KEY (or DATA_DIR/data-key) this database was created with.');
    }
  }
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);
