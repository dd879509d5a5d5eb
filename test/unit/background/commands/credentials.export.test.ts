import { describe, expect, it } from 'vitest';
import { withEnglishMessages } from '../../../messages';
import { checkCredential } from '../../../../src/core/credential';
import { didKeyOf, didKeyVerificationMethod, generateIssuerKeys, newCertificationCredential, signCredential } from '../../../../src/core/credential';
import { ENDPOINT } from '../helpers';
import { enrolledWorker, OPTIONS, POPUP, value } from '../world';

describe('credentials.export', () => {
  withEnglishMessages();
  it('gives the credential exactly as signed; a link only where the vendor publishes credentials under its DID', async () => {
    const world = await enrolledWorker();
    const id = world.enrolment.credential.id;
    const exported = value<{ fileName: string; json: string; url?: string }>(await world.send('credentials.export', { vendorId: 'acme', credentialId: id }, OPTIONS));
    expect(exported.fileName).toBe('certification-acme-mysql-professional.json');
    expect(JSON.parse(exported.json)).toEqual(world.enrolment.credential);
    expect(exported.json).not.toContain(world.vendor.token);
    // This vendor names itself by its id, not a DID (an older endpoint): there is no public address to give.
    expect(exported.url).toBeUndefined();

    // Once the vendor record names the credential's DID issuer, the link is the vendor's GET /v1/credentials/:id.
    const keys = await generateIssuerKeys();
    const did = didKeyOf(keys.publicKeyMultibase);
    const signed = await signCredential(
      newCertificationCredential({
        id: 'urn:uuid:7d7c1b52-0e5a-4b8e-9d43-2f6c1e0a9b71',
        issuer: { id: did, name: 'Acme Data' },
        subject: { practitionerId: 'p1', name: 'Pat' },
        achievement: { vendorId: 'acme', productId: 'mysql', level: 'expert', name: 'Certified MySQL Expert' },
        validFrom: '2026-01-01T00:00:00Z',
      }),
      keys.privateKey,
      { verificationMethod: didKeyVerificationMethod(keys.publicKeyMultibase), created: '2026-01-01T00:00:00Z' },
    );
    const conn = await world.db.get();
    const record = (await conn.get('vendors', 'acme'))!;
    await conn.put('vendors', { ...record, issuer: { ...record.issuer, did, publicKeyMultibase: keys.publicKeyMultibase }, credentials: [...record.credentials, signed] });
    const linked = value<{ json: string; url?: string }>(await world.send('credentials.export', { vendorId: 'acme', credentialId: signed.id }, OPTIONS));
    expect(linked.url).toBe(`${ENDPOINT}/v1/credentials/urn%3Auuid%3A7d7c1b52-0e5a-4b8e-9d43-2f6c1e0a9b71`);
    // What was exported still verifies: nothing was changed on the way out.
    expect(await checkCredential(JSON.parse(linked.json), { now: new Date('2026-06-01T00:00:00Z') })).toMatchObject({ valid: true });
  });

  it('refuses an unknown vendor or credential with a reason, and callers other than the options page', async () => {
    const world = await enrolledWorker();
    expect(await world.send('credentials.export', { vendorId: 'globex', credentialId: 'urn:uuid:x' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'not-enrolled' } });
    expect(await world.send('credentials.export', { vendorId: 'acme', credentialId: 'urn:uuid:nope' }, OPTIONS)).toMatchObject({ ok: false, error: { code: 'unknown-credential', message: expect.stringMatching(/Acme Data has not issued you/) } });
    expect(await world.send('credentials.export', { vendorId: 'acme', credentialId: 'x'.repeat(201) }, OPTIONS)).toMatchObject({ ok: false });
    expect(await world.send('credentials.export', { vendorId: 'acme', credentialId: world.enrolment.credential.id }, POPUP)).toMatchObject({ ok: false });
  });
});
