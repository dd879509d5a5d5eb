// Every vendor the practitioner is enrolled with, side by side: who they are there, their
// certifications (only a valid one counts), how sync is going, and a way to leave.
import { useState } from 'preact/hooks';
import type { VendorView } from '../core/messages';
import { CredentialBadge } from '../ui/CredentialBadge';
import { CredentialExport } from './CredentialExport';
import { useEnv } from '../ui/env';
import { formatDate, formatDateTime } from '../ui/format';
import { t, tn } from '../ui/i18n';
import { Notice } from '../ui/Notice';

export function VendorList({ vendors, onChanged }: { vendors: VendorView[]; onChanged(message?: string): void }) {
  if (vendors.length === 0) return <p class="muted">{t('noVendors')}</p>;
  return (
    <ul class="vendors-grid">
      {vendors.map((vendor) => (
        <VendorCard vendor={vendor} key={vendor.id} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function VendorCard({ vendor, onChanged }: { vendor: VendorView; onChanged(message?: string): void }) {
  const env = useEnv();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `vendor-${vendor.id}`;
  const sync = vendor.sync;

  async function leave() {
    const answer = await env.send('vendors.leave', { vendorId: vendor.id });
    setConfirming(false);
    if (!answer.ok) return setError(answer.error.message);
    onChanged(t(answer.value.vendorNotified ? 'leftVendor' : 'leftNotNotified', vendor.name));
  }

  return (
    <li class="vendor-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{vendor.name}</h3>
      <dl class="facts">
        <dt>{t('vendorEndpoint')}</dt>
        <dd>{vendor.endpoint}</dd>
        <dt>{t('vendorPractitioner')}</dt>
        <dd>{`${vendor.practitioner.displayName} (#${vendor.practitioner.number})${vendor.practitioner.email ? ` · ${vendor.practitioner.email}` : ''}`}</dd>
        <dt>{t('vendorEnrolledAt')}</dt>
        <dd>{formatDate(vendor.enrolledAt)}</dd>
        <dt>{t('vendorCatalog')}</dt>
        <dd>{vendor.catalog.error ? <span class="field-error">{vendor.catalog.error}</span> : tn('vendorCatalogProducts', vendor.catalog.products)}</dd>
        <dt>{t('vendorSync')}</dt>
        <dd data-sync-status={sync.status}>
          {t(`syncStatus_${sync.status}`)}
          {sync.pending > 0 && ` · ${t('syncPending', sync.pending)}`}
          {sync.parked > 0 && ` · ${t('syncParked', sync.parked)}`}
          {sync.lastSuccessAt && <span class="block muted">{t('syncLastSuccess', formatDateTime(sync.lastSuccessAt))}</span>}
          {sync.lastError && <span class="block field-error">{sync.lastError}</span>}
        </dd>
      </dl>
      <h4>{t('certifications')}</h4>
      {vendor.credentials.length === 0 ? (
        <p class="muted">{t('noCertifications')}</p>
      ) : (
        <table class="totals creds">
          <thead>
            <tr>
              <th scope="col">{t('certProduct')}</th>
              <th scope="col">{t('certState')}</th>
            </tr>
          </thead>
          <tbody>
            {vendor.credentials.map((credential, i) => (
              <tr key={credential.credentialId ?? i} data-credential-state={credential.state}>
                <th scope="row">{credential.achievementName ?? credential.productId ?? t('certUnknownProduct')}</th>
                <td>
                  <CredentialBadge credential={credential} />
                  {credential.state !== 'valid' && <span class="block muted">{credential.reason}</span>}
                  {credential.state === 'expired' && <span class="block">{t('credExpiredAction', vendor.name)}</span>}
                  {credential.statusProblem && <span class="block muted">{credential.statusProblem}</span>}
                  <CredentialExport vendorId={vendor.id} credential={credential} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{vendor.certified ? t('vendorCertified') : t('vendorNotCertified')}</p>
      {confirming ? (
        <div class="row" role="group" aria-label={t('leaveConfirmGroup', vendor.name)}>
          <span>{t('leaveConfirm', vendor.name)}</span>
          <button type="button" class="danger" onClick={() => void leave()}>
            {t('leaveYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('leaveVendor', vendor.name)}
        </button>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </li>
  );
}
