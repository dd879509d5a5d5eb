// Disclosure wording (editable, never empty), what of the page URL travels with a referral,
// and the sites where nothing is suggested. The worker has the last word on the wording.
import { useEffect, useState } from 'preact/hooks';
import type { SettingsView } from '../core/messages';
import { DEFAULT_DISCLOSURE, renderShare, validateDisclosure } from '../core/referral/disclosure';
import { normaliseDomain } from '../core/schema/domain';
import { LIMITS } from '../core/schema/limits';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';

function preview(disclosure: string): string {
  try {
    return renderShare({
      link: 'https://vendor.example/r/EXAMPLE',
      format: 'text',
      vendorName: t('exampleVendor'),
      productName: t('exampleProduct'),
      offerName: t('exampleOffer'),
      offerAdds: t('exampleAdds'),
      disclosure,
    });
  } catch {
    return '';
  }
}

/** One host per line (or comma-separated); a pasted URL counts as its host. */
export function hostList(text: string): { ok: string[]; bad: string[] } {
  const ok: string[] = [];
  const bad: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const host = normaliseDomain(entry);
    if (host === null) bad.push(entry);
    else if (!ok.includes(host)) ok.push(host);
  }
  return { ok, bad };
}

export function SettingsForm({ settings, onSaved }: { settings: SettingsView; onSaved(next: SettingsView): void }) {
  const env = useEnv();
  const [disclosure, setDisclosure] = useState(settings.disclosure);
  const [sharePageUrl, setSharePageUrl] = useState(settings.sharePageUrl);
  const [mutedHosts, setMutedHosts] = useState(settings.mutedHosts.join('\n'));
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDisclosure(settings.disclosure);
    setSharePageUrl(settings.sharePageUrl);
    setMutedHosts(settings.mutedHosts.join('\n'));
  }, [settings]);

  const check = validateDisclosure(disclosure, t);
  // Marked only after a save found it, and cleared as soon as the list is edited into shape.
  const [badHosts, setBadHosts] = useState(false);
  const hostsInvalid = badHosts && hostList(mutedHosts).bad.length > 0;

  async function save(event: Event) {
    event.preventDefault();
    setOutcome(null);
    if (!check.ok) return setOutcome({ ok: false, message: check.message });
    const hosts = hostList(mutedHosts);
    setBadHosts(hosts.bad.length > 0);
    if (hosts.bad.length > 0) return setOutcome({ ok: false, message: t('mutedHostsInvalid', hosts.bad.join(', ')) });
    setBusy(true);
    const answer = await env.send('settings.set', { disclosure, sharePageUrl, mutedHosts: hosts.ok });
    setBusy(false);
    if (!answer.ok) return setOutcome({ ok: false, message: answer.error.message });
    setOutcome({ ok: true, message: t('settingsSaved') });
    onSaved(answer.value);
  }

  const example = check.ok ? preview(disclosure) : '';
  return (
    <section aria-labelledby="settings-h">
      <h2 id="settings-h">{t('settingsTitle')}</h2>
      <form class="stack" onSubmit={save} noValidate>
        <label for="set-disclosure">{t('disclosureLabel')}</label>
        <p id="set-disclosure-help" class="muted">
          {t('disclosureHelp')}
        </p>
        <textarea
          id="set-disclosure"
          rows={4}
          maxLength={LIMITS.disclosure}
          value={disclosure}
          aria-describedby="set-disclosure-help set-disclosure-check"
          aria-invalid={check.ok ? undefined : true}
          onInput={(e) => setDisclosure(e.currentTarget.value)}
        />
        <p id="set-disclosure-check" class={check.ok ? 'muted' : 'field-error'}>
          {check.ok ? t('disclosureOk') : check.message}
        </p>
        <div class="row">
          <button type="button" class="small" onClick={() => setDisclosure(DEFAULT_DISCLOSURE)}>
            {t('disclosureReset')}
          </button>
        </div>
        {example && (
          <>
            <h3 id="disclosure-example-h">{t('disclosureExample')}</h3>
            <pre class="preview" aria-labelledby="disclosure-example-h">
              {example}
            </pre>
          </>
        )}
        <label for="set-share-page">{t('sharePageDefaultLabel')}</label>
        <select id="set-share-page" value={sharePageUrl} onChange={(e) => setSharePageUrl(e.currentTarget.value as SettingsView['sharePageUrl'])}>
          <option value="host">{t('sharePageUrl_host')}</option>
          <option value="full">{t('sharePageUrl_full')}</option>
          <option value="none">{t('sharePageUrl_none')}</option>
        </select>
        <label for="set-muted-hosts">{t('mutedHostsLabel')}</label>
        <textarea id="set-muted-hosts" rows={3} value={mutedHosts} placeholder="news.example.com" spellcheck={false} aria-invalid={hostsInvalid ? true : undefined} onInput={(e) => setMutedHosts(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}>
          {t('save')}
        </button>
      </form>
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
    </section>
  );
}
