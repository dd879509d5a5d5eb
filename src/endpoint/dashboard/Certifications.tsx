// Certifications as the vendor manages them: what was issued, what expires within 30 days, what
// was revoked, and revocation (for good: a verifier holding the status list sees it at once).
import { useState } from 'preact/hooks';
import type { CertificationRow } from '../../core/protocol/admin';

const day = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }) : '–');
const STATE: Record<CertificationRow['state'], string> = { active: 'valid', expiring: 'expiring soon', expired: 'expired', revoked: 'revoked' };

function Table({ rows, label, onRevoke }: { rows: CertificationRow[]; label: string; onRevoke?(id: string): void }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (rows.length === 0) return null;
  return (
    <table aria-label={label}>
      <caption>{label} ({rows.length})</caption>
      <thead>
        <tr><th scope="col">Certification</th><th scope="col">Practitioner</th><th scope="col">Issued</th><th scope="col">Valid until</th><th scope="col">State</th>{onRevoke && <th scope="col">Revoke</th>}</tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const name = `${c.productName} ${c.level} of ${c.practitionerName}`;
          return (
            <tr key={c.credentialId} data-state={c.state}>
              <th scope="row">{c.productName} {c.level}</th>
              <td>{c.practitionerName}</td>
              <td>{c.issuedAt ? day(c.issuedAt) : 'not yet (not enrolled)'}</td>
              <td>{day(c.validUntil)}</td>
              <td>{c.state === 'revoked' ? `revoked ${day(c.revokedAt)}` : STATE[c.state]}</td>
              {onRevoke && (
                <td>
                  {c.state === 'revoked' || c.state === 'expired' ? (
                    '–'
                  ) : confirming === c.credentialId ? (
                    <span role="group" aria-label={`Confirm revoking ${name}`}>
                      Revoke for good?{' '}
                      <button type="button" onClick={() => { setConfirming(null); onRevoke(c.credentialId); }}>Yes, revoke</button>{' '}
                      <button type="button" class="quiet" onClick={() => setConfirming(null)}>Cancel</button>
                    </span>
                  ) : (
                    <button type="button" class="quiet" onClick={() => setConfirming(c.credentialId)} aria-label={`Revoke ${name}`}>Revoke</button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Certifications({ rows, onRevoke }: { rows: CertificationRow[]; onRevoke(id: string): void }) {
  if (rows.length === 0) return <p>No certifications yet.</p>;
  const issued = rows.filter((c) => c.issuedAt !== undefined).length;
  const expiring = rows.filter((c) => c.state === 'expiring');
  const revoked = rows.filter((c) => c.state === 'revoked');
  return (
    <>
      <dl class="figures">
        <div><dt>Issued</dt><dd>{issued}</dd></div>
        <div><dt>Expiring within 30 days</dt><dd>{expiring.length}</dd></div>
        <div><dt>Revoked</dt><dd>{revoked.length}</dd></div>
      </dl>
      <p class="small">Credentials are Open Badges 3.0, signed with eddsa-jcs-2022; a revocation is published in the signed status list at /v1/credentials/status-list, which any verifier follows.</p>
      <Table rows={expiring} label="Expiring within 30 days" onRevoke={onRevoke} />
      <Table rows={revoked} label="Revoked" />
      <Table rows={rows} label="All certifications" onRevoke={onRevoke} />
    </>
  );
}
