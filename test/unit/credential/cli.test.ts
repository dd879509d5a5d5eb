// npm run credential: verify and show, offline. Most cases run the CLI in process; two run the
// real command, as a person would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/credential';
import {
  didDocument,
  didKeyVerificationMethod,
  didWebOf,
  didWebVerificationMethod,
  generateIssuerKeys,
  issueStatusList,
  newCertificationCredential,
  signCredential,
  statusListEntry,
  type IssuerKeys,
} from '../../../src/core/credential';
import { SIGNED_VECTOR_PATH, vectors } from './w3c-vectors';

const ROOT = join(import.meta.dirname, '../../..');
const NOW = '2026-06-01T00:00:00Z';
const WEB = didWebOf('https://vendor.example');
const LIST_URL = 'https://vendor.example/v1/credentials/status/1';
const dir = mkdtempSync(join(tmpdir(), 'credential-cli-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t), now: () => new Date(NOW) });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

let keys: IssuerKeys;
let certification: string;
let didJson: string;

beforeAll(async () => {
  keys = await generateIssuerKeys();
  const signed = await signCredential(
    newCertificationCredential({
      issuer: { id: WEB, name: 'Example Vendor' },
      subject: { practitionerId: 'p-42', name: 'Ada Lovelace' },
      achievement: { vendorId: 'example', productId: 'mysql', level: 'expert', name: 'Certified MySQL Expert' },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      status: statusListEntry(LIST_URL, 7),
    }),
    keys.privateKey,
    { verificationMethod: didWebVerificationMethod(WEB, keys.publicKeyMultibase), created: '2026-01-01T00:00:00Z' },
  );
  certification = file('certification.json', signed);
  didJson = file('did.json', didDocument(WEB, keys.publicKeyMultibase));
});

const list = (revoked: number[]) =>
  issueStatusList({ url: LIST_URL, issuer: WEB, set: revoked, validFrom: '2026-05-01T00:00:00Z' }, keys.privateKey, {
    verificationMethod: didWebVerificationMethod(WEB, keys.publicKeyMultibase),
    created: '2026-05-01T00:00:00Z',
  });

describe('credential verify', () => {
  it('verifies the W3C vector, resolving its did:key offline, and refuses a tampered copy', async () => {
    const good = await cli('verify', SIGNED_VECTOR_PATH);
    expect(good.code).toBe(0);
    expect(good.json()).toMatchObject({ valid: true, issuer: { id: 'https://vc.example/issuers/5678' }, subject: { id: 'did:example:abcdefgh' }, achievement: null, validUntil: null, suite: 'eddsa-jcs-2022' });

    const tampered = file('tampered-vector.json', { ...vectors().signed, validFrom: '2020-01-01T00:00:00Z' });
    const bad = await cli('verify', tampered);
    expect(bad.code).toBe(1);
    expect(bad.json()).toEqual({ valid: false, issuer: null, subject: null, achievement: null, validUntil: null, reason: expect.stringMatching(/signature does not match/), suite: 'eddsa-jcs-2022' });
  });

  it('verifies a did:web certification with --key (DID document file, Multikey or did:key), with a clear reason without', async () => {
    const missing = await cli('verify', certification);
    expect(missing.code).toBe(1);
    expect(missing.json().reason).toMatch(/give that key .*https:\/\/vendor\.example\/\.well-known\/did\.json/);
    for (const key of [didJson, keys.publicKeyMultibase, `did:key:${keys.publicKeyMultibase}`, JSON.stringify(keys.publicKeyJwk)]) {
      const ok = await cli('verify', certification, '--key', key);
      expect(ok.code).toBe(0);
      expect(ok.json()).toMatchObject({
        valid: true,
        issuer: { id: WEB, name: 'Example Vendor' },
        subject: { name: 'Ada Lovelace' },
        achievement: { name: 'Certified MySQL Expert' },
        validUntil: '2027-01-01T00:00:00Z',
        reason: `Revocation not checked: the status list ${LIST_URL} was not given`,
      });
    }
    const other = await generateIssuerKeys();
    const wrong = await cli('verify', certification, '--key', other.publicKeyMultibase);
    expect([wrong.code, wrong.json().reason]).toEqual([1, expect.stringMatching(/not with the key given/)]);
  });

  it("verifies a credential signed with a vendor key (as GET /v1/vendor publishes it), given as a JWK file", async () => {
    const signed = await signCredential(
      newCertificationCredential({
        issuer: { id: 'acme', name: 'Acme Data' },
        subject: { practitionerId: 'p1', name: 'Pat' },
        achievement: { vendorId: 'acme', productId: 'mysql', level: 'associate', name: 'Certified MySQL Associate' },
        validFrom: '2026-01-01T00:00:00Z',
      }),
      keys.privateKey,
      { verificationMethod: `acme#${keys.keyId}`, created: '2026-01-01T00:00:00Z' },
    );
    const path = file('vendor-key-credential.json', signed);
    const ok = await cli('verify', path, '--key', file('vendor-key.json', keys.publicKeyJwk));
    expect([ok.code, ok.json().valid, ok.json().issuer]).toEqual([0, true, { id: 'acme', name: 'Acme Data' }]);
    expect((await cli('verify', path)).json().reason).toMatch(/give that key/);
  });

  it('checks revocation with --status', async () => {
    const clear = await cli('verify', certification, '--key', didJson, '--status', file('status-clear.json', await list([1, 2, 3])));
    expect([clear.code, clear.json().revoked, clear.json().reason]).toEqual([0, false, undefined]);
    const revoked = await cli('verify', certification, '--key', didJson, '--status', file('status-revoked.json', await list([7])));
    expect(revoked.code).toBe(1);
    expect(revoked.json()).toMatchObject({ valid: false, revoked: true, reason: 'Revoked by the issuer', issuer: { id: WEB } });
  });

  it('reports expiry against --now', async () => {
    const later = await cli('verify', certification, '--key', didJson, '--now', '2027-03-01T00:00:00Z');
    expect([later.code, later.json().reason]).toEqual([1, 'Expired on 2027-01-01']);
  });

  it('answers bad files with one JSON object and exit 1, and bad usage with exit 2', async () => {
    const notJson = await cli('verify', file('not.json', '{"@context": ['));
    expect([notJson.code, notJson.json().valid, notJson.json().reason]).toEqual([1, false, expect.stringMatching(/^Not JSON/)]);
    const huge = await cli('verify', file('huge.json', `"${'x'.repeat(5_000_000)}"`));
    expect([huge.code, huge.json().reason]).toEqual([1, expect.stringMatching(/larger than/)]);
    const deep = await cli('verify', file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    expect([deep.code, deep.json().reason]).toEqual([1, expect.stringMatching(/deeper than/)]);
    for (const args of [[], ['sign', certification], ['verify'], ['verify', join(dir, 'absent.json')], ['verify', certification, '--bogus'], ['verify', certification, '--key', 'nonsense']]) {
      const res = await cli(...args);
      expect(res.code).toBe(2);
      expect(res.err).toMatch(/^credential: /);
    }
  });
});

describe('credential show', () => {
  it('prints the certification for a person', async () => {
    const res = await cli('show', certification, '--key', didJson, '--status', file('status-clear.json', await list([])));
    expect(res.code).toBe(0);
    expect(res.out).toContain('VALID — eddsa-jcs-2022');
    expect(res.out).toMatch(/Achievement +Certified MySQL Expert/);
    expect(res.out).toMatch(/Holder +Ada Lovelace \(urn:advocate:practitioner:p-42\)/);
    expect(res.out).toMatch(/Issuer +Example Vendor \(did:web:vendor\.example\)/);
    expect(res.out).toMatch(/Valid +2026-01-01 to 2027-01-01/);
    expect(res.out).toMatch(/Status +not revoked/);
  });

  it('says plainly why a credential is not valid', async () => {
    const res = await cli('show', file('tampered-show.json', { ...JSON.parse(readFileSync(certification, 'utf8')), name: 'Something else' }), '--key', didJson);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^NOT VALID — The signature does not match/);
    expect(res.out).not.toContain('Ada Lovelace');
  });
});

// Two npm processes: on two loaded cores they take longer than vitest's default 5 s.
describe('npm run credential (a real process)', { timeout: 60_000 }, () => {
  const npm = (args: string[]) => spawnSync('npm', ['run', '--silent', 'credential', '--', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('exits 0 for the W3C vector and 1 for a tampered copy, printing one JSON object each', () => {
    const good = npm(['verify', SIGNED_VECTOR_PATH]);
    expect([good.status, JSON.parse(good.stdout).valid]).toEqual([0, true]);
    const tampered = file('tampered-process.json', { ...vectors().signed, name: 'Honours Credential' });
    const bad = npm(['verify', tampered]);
    expect([bad.status, JSON.parse(bad.stdout).valid]).toEqual([1, false]);
  });
});
