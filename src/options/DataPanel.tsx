// Your data: what Advocate sends and to whom (per enrolled vendor, in plain words), export to a
// JSON file and import such a file back (existing items are kept), and deletion of everything
// Advocate keeps in this browser, after a confirm step.
import { useState } from 'preact/hooks';
import type { ImportReportView, VendorView } from '../core/messages';
import { download } from '../ui/download';
import { useEnv } from '../ui/env';
import { t, tn } from '../ui/i18n';
import { Notice } from '../ui/Notice';

/** `onChanged` runs after an import or a deletion: the page reloads vendors and settings. */
export function DataPanel({ vendors, onChanged }: { vendors: readonly Pick<VendorView, 'id' | 'name' | 'endpoint'>[]; onChanged(): void }) {
  const env = useEnv();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  async function exportData() {
    setOutcome(null);
    const answer = await env.send('data.export');
    if (!answer.ok) return setOutcome({ ok: false, message: answer.error.message });
    download(answer.value.fileName, answer.value.json);
    setOutcome({ ok: true, message: t('exportDone', answer.value.fileName) });
  }

  async function importFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setOutcome(null);
    setReport(null);
    if (!file) return;
    let json: string;
    try {
      json = await file.text();
    } catch (error) {
      return setOutcome({ ok: false, message: t('importUnreadable', String(error)) });
    }
    const answer = await env.send('data.import', { json });
    input.value = '';
    if (!answer.ok) return setOutcome({ ok: false, message: t('importFailed', answer.error.message) });
    setReport(answer.value);
    onChanged();
  }

  async function deleteAll() {
    setOutcome(null);
    setReport(null);
    setDeleting(true);
    const answer = await env.send('data.deleteAll', { confirm: 'delete-all' });
    setDeleting(false);
    setConfirming(false);
    if (!answer.ok) return setOutcome({ ok: false, message: t('deleteAllFailed', answer.error.message) });
    const d = answer.value;
    setOutcome({ ok: true, message: t('deleteAllDone', d.vendors, d.referrals, d.deals, d.sites) });
    onChanged();
  }

  return (
    <section aria-labelledby="data-h">
      <h2 id="data-h">{t('dataTitle')}</h2>
      <h3 id="data-sent-h">{t('dataSentTitle')}</h3>
      <ul aria-labelledby="data-sent-h">
        {vendors.length === 0 && <li>{t('dataSentNone')}</li>}
        {vendors.map((vendor) => (
          <li key={vendor.id}>{t('dataSentVendor', vendor.name, new URL(vendor.endpoint).host)}</li>
        ))}
        <li>{t('dataSentNever')}</li>
      </ul>
      <p class="muted">{t('dataExplained')}</p>
      <div class="stack">
        <button type="button" onClick={() => void exportData()}>
          {t('exportAction')}
        </button>
        <label for="data-import">{t('importLabel')}</label>
        <input id="data-import" type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
      </div>
      {confirming ? (
        <div class="stack" role="group" aria-label={t('deleteAllConfirmGroup')}>
          <p>{t('deleteAllWarning')}</p>
          <div class="row">
            <button type="button" class="danger" disabled={deleting} onClick={() => void deleteAll()}>
              {t('deleteAllYes')}
            </button>
            <button type="button" disabled={deleting} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('deleteAllAction')}
        </button>
      )}
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
      {report && (
        <Notice kind="success" title={t('importDone')}>
          {t('importReport', tn('importReferrals', report.referralsAdded), tn('importDeals', report.dealsAdded), tn('importKept', report.skippedExisting))}
          {report.settingsImported && <span class="block">{t('importSettings')}</span>}
        </Notice>
      )}
    </section>
  );
}
