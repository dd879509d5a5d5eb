// Below the page panel: how Advocate reads this site, and "Suggest on this site" where it only
// read the page once (after this click on the toolbar icon). Granting asks the browser for this
// one host; the content script then runs there from now on (the options page removes it).
import { useState } from 'preact/hooks';
import type { TabAnswer } from './model';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';

export function SiteAccess({ page, tabId }: { page: NonNullable<TabAnswer>; tabId: number | undefined }) {
  const env = useEnv();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const url = new URL(page.url);
  if (page.access !== 'once' || url.protocol !== 'https:') return null;
  const host = url.hostname;

  function grant() {
    // The request must be made in the click itself (a user gesture), before anything is awaited.
    const asked = env.requestOrigins([`https://${host}/*`]);
    void asked.then(async (granted) => {
      if (!granted) return setOutcome({ ok: false, message: t('siteGrantRefused', host) });
      const answer = await env.send('sites.grant', { host, ...(tabId !== undefined ? { tabId } : {}) });
      setOutcome(answer.ok ? { ok: true, message: t('siteGranted', host) } : { ok: false, message: answer.error.message });
    });
  }

  return (
    <section class="site-access" aria-labelledby="site-access-h">
      <h2 id="site-access-h" class="muted small-heading">{t('siteOnceTitle')}</h2>
      <p class="muted">{t('siteOnceBody', host)}</p>
      {outcome?.ok ? null : (
        <button type="button" class="small" onClick={grant}>
          {t('siteGrant')}
        </button>
      )}
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
    </section>
  );
}
