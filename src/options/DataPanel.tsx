// Export everything to a JSON file, and import such a file back (existing items are kept).
import { useState } from 'preact/hooks';
import type { ImportReportView } from '../core/messages';
import { download } from '../ui/download';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';

export function DataPanel({ onImported }: { onImported(): void }) {
  const env = useEnv();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);

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
    onImported();
  }

  return (
    <section aria-labelledby="data-h">
      <h2 id="data-h">{t('dataTitle')}</h2>
      <p class="muted">{t('dataExplained')}</p>
      <div class="stack">
        <button type="button" onClick={() => void exportData()}>
          {t('exportAction')}
        </button>
        <label for="data-import">{t('importLabel')}</label>
        <input id="data-import" type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
      </div>
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
      {report && (
        <Notice kind="success" title={t('importDone')}>
          {t('importReport', report.referralsAdded, report.dealsAdded, report.skippedExisting)}
          {report.settingsImported && <span class="block">{t('importSettings')}</span>}
        </Notice>
      )}
    </section>
  );
}
