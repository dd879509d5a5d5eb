// Suggestions while browsing: the global pause, in the page or on the toolbar only (saying
// plainly that a site can notice what Advocate adds), the sites and products muted, the
// dismissed suggestions, and the sites granted with "Suggest on this site" (removable here).
import { useEffect, useState } from 'preact/hooks';
import type { GrantedSiteView, SettingsView } from '../core/messages';
import { useEnv } from '../ui/env';
import { t, tn } from '../ui/i18n';
import { Notice } from '../ui/Notice';

export function SuggestionSettings({ settings, onSaved }: { settings: SettingsView; onSaved(next: SettingsView): void }) {
  const env = useEnv();
  const [sites, setSites] = useState<GrantedSiteView[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void env.send('sites.list').then((r) => r.ok && setSites(r.value));
  }, [env]);

  async function save(patch: Partial<SettingsView>) {
    const answer = await env.send('settings.set', patch);
    if (answer.ok) onSaved(answer.value);
    else setMessage({ ok: false, text: answer.error.message });
  }

  async function removeSite(host: string) {
    const answer = await env.send('sites.remove', { host });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setSites(answer.value);
    setMessage({ ok: true, text: t('siteRemoved', host) });
  }

  return (
    <section aria-labelledby="suggestions-h">
      <h2 id="suggestions-h">{t('suggestionsTitle')}</h2>
      <div class="stack">
        <label class="check">
          <input type="checkbox" checked={settings.suggestionsEnabled} onChange={(e) => void save({ suggestionsEnabled: e.currentTarget.checked })} />
          {t('suggestionsLabel')}
        </label>
        <fieldset>
          <legend class="sr-only">{t('suggestionsTitle')}</legend>
          <label class="check">
            <input type="radio" name="in-page" checked={settings.inPage} onChange={() => void save({ inPage: true })} />
            {t('inPageLabel')}
          </label>
          <label class="check">
            <input type="radio" name="in-page" checked={!settings.inPage} onChange={() => void save({ inPage: false })} />
            {t('toolbarOnlyLabel')}
          </label>
        </fieldset>
        <p class="muted">{t('inPageNote')}</p>
        {settings.mutedProducts.length > 0 && (
          <>
            <h3>{t('mutedProductsTitle')}</h3>
            <ul class="plain">
              {settings.mutedProducts.map((id) => (
                <li key={id} class="row">
                  <span>{id}</span>
                  <button type="button" class="small" aria-label={`${t('unmute')} ${id}`} onClick={() => void save({ mutedProducts: settings.mutedProducts.filter((p) => p !== id) })}>
                    {t('unmute')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {settings.dismissed.length > 0 && (
          <>
            <h3>{t('dismissedTitle')}</h3>
            <p class="row">
              <span>{tn('dismissedCount', settings.dismissed.length)}</span>
              <button type="button" class="small" onClick={() => void save({ dismissed: [] })}>
                {t('clearDismissed')}
              </button>
            </p>
          </>
        )}
        <h3>{t('grantedSitesTitle')}</h3>
        {sites && sites.length === 0 && <p class="muted">{t('grantedSitesNone')}</p>}
        {sites && sites.length > 0 && (
          <ul class="plain" aria-label={t('grantedSitesTitle')}>
            {sites.map((site) => (
              <li key={site.host} class="row">
                <span>{site.host}</span>
                <button type="button" class="small" onClick={() => void removeSite(site.host)}>
                  {t('removeSite', site.host)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {message && <Notice kind={message.ok ? 'success' : 'error'}>{message.text}</Notice>}
      </div>
    </section>
  );
}
