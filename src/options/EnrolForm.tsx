// Enrol with a vendor: endpoint URL + one-time code. The host permission for the endpoint is
// requested first, synchronously in the submit handler (a user gesture), before any await.
import { useState } from 'preact/hooks';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { parseEndpointUrl, type EndpointUrl } from '../core/schema/url';

const REFUSED: Record<Extract<EndpointUrl, { ok: false }>['reason'], string> = {
  malformed: 'enrolUrlMalformed',
  insecure: 'enrolUrlInsecure',
  credentials: 'enrolUrlCredentials',
  query: 'enrolUrlQuery',
};

export function EnrolForm({ onEnrolled }: { onEnrolled(): void }) {
  const env = useEnv();
  const [endpoint, setEndpoint] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  function submit(event: Event) {
    event.preventDefault();
    setOutcome(null);
    const checked = parseEndpointUrl(endpoint); // the worker applies the same rule
    if (!checked.ok) return setOutcome({ ok: false, message: t(REFUSED[checked.reason]) });
    if (!code.trim()) return setOutcome({ ok: false, message: t('enrolCodeMissing') });
    const permission = env.requestOrigins([checked.permissionPattern]); // before any await: needs the gesture
    setBusy(true);
    void finish(permission, checked.base);
  }

  async function finish(permission: Promise<boolean>, url: string) {
    try {
      const granted = await permission.catch(() => false);
      if (!granted) return setOutcome({ ok: false, message: t('enrolPermissionDenied', new URL(url).host) });
      const answer = await env.send('vendors.enrol', { endpoint: url, code: code.trim() });
      if (!answer.ok) return setOutcome({ ok: false, message: t('enrolFailed', answer.error.message) });
      setOutcome({ ok: true, message: t('enrolDone', answer.value.name, answer.value.practitioner.displayName) });
      setCode('');
      onEnrolled();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="enrol-h">
      <h2 id="enrol-h">{t('enrolTitle')}</h2>
      <p class="muted">{t('enrolExplained')}</p>
      <form class="stack" onSubmit={submit} noValidate>
        <label for="enrol-endpoint">{t('enrolEndpoint')}</label>
        <input id="enrol-endpoint" type="url" value={endpoint} placeholder="https://advocate.vendor.example" autoComplete="url" onInput={(e) => setEndpoint(e.currentTarget.value)} />
        <label for="enrol-code">{t('enrolCode')}</label>
        <input id="enrol-code" type="text" value={code} autoComplete="one-time-code" spellcheck={false} onInput={(e) => setCode(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('enrolling') : t('enrolAction')}
        </button>
      </form>
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
    </section>
  );
}
