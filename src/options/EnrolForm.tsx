// Enrol with a vendor: endpoint URL + one-time code. The host permission for the endpoint is
// requested first, synchronously in the submit handler (a user gesture), before any await.
// While it waits (for the browser's prompt, then for the vendor) it says for what, and for how long.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { ENDPOINT_REFUSAL_MESSAGE, parseEndpointUrl } from '../core/schema/url';
import { LIMITS } from '../core/schema/limits';

/** As the worker's payload schema allows (src/background/commands/vendors.enrol.ts). */
export const MAX_CODE_LENGTH = 200;
/** A prompt nobody answers (left open, hidden behind a window) must not keep the form busy for ever. */
export const PERMISSION_WAIT_MS = 60_000;

type Waiting = { for: 'permission' | 'vendor'; host: string; since: number } | null;

export function EnrolForm({ onEnrolled, otherEnrolments = 0 }: { onEnrolled(): void; otherEnrolments?: number }) {
  const env = useEnv();
  const [endpoint, setEndpoint] = useState('');
  const [code, setCode] = useState('');
  const [waiting, setWaiting] = useState<Waiting>(null);
  const [, setTick] = useState(0);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  // While waiting for the vendor: the seconds so far, once a second.
  useEffect(() => {
    if (waiting?.for !== 'vendor') return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  function submit(event: Event) {
    event.preventDefault();
    setOutcome(null);
    const checked = endpoint.length > LIMITS.url ? ({ ok: false, reason: 'malformed' } as const) : parseEndpointUrl(endpoint); // the worker applies the same rule
    if (!checked.ok) return setOutcome({ ok: false, message: t(ENDPOINT_REFUSAL_MESSAGE[checked.reason]) });
    if (!code.trim()) return setOutcome({ ok: false, message: t('enrolCodeMissing') });
    if (code.trim().length > MAX_CODE_LENGTH) return setOutcome({ ok: false, message: t('enrolCodeTooLong', MAX_CODE_LENGTH) });
    const permission = env.requestOrigins([checked.permissionPattern]); // before any await: needs the gesture
    const host = new URL(checked.base).host;
    setWaiting({ for: 'permission', host, since: Date.now() });
    void finish(permission, checked.base, host);
  }

  async function finish(permission: Promise<boolean>, url: string, host: string) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const unanswered = new Promise<'unanswered'>((resolve) => (timer = setTimeout(() => resolve('unanswered'), PERMISSION_WAIT_MS)));
      const granted = await Promise.race([permission.catch(() => false), unanswered]);
      clearTimeout(timer);
      if (granted === 'unanswered') return setOutcome({ ok: false, message: t('enrolPermissionTimeout', host) });
      if (!granted) return setOutcome({ ok: false, message: t('enrolPermissionDenied', host) });
      setWaiting({ for: 'vendor', host, since: Date.now() });
      const answer = await env.send('vendors.enrol', { endpoint: url, code: code.trim() });
      if (!answer.ok) {
        // Only when there are others to keep: "your other enrolments" with none reads as a mistake.
        const kept = otherEnrolments > 0 ? ` ${t('enrolOthersUnchanged')}` : '';
        return setOutcome({ ok: false, message: `${answer.error.message}${kept}` });
      }
      setOutcome({ ok: true, message: t('enrolDone', answer.value.name, answer.value.practitioner.displayName) });
      setCode('');
      onEnrolled();
    } finally {
      clearTimeout(timer);
      if (mounted.current) setWaiting(null);
    }
  }

  const busy = waiting !== null;
  const seconds = waiting ? Math.floor((Date.now() - waiting.since) / 1000) : 0;
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
        <p class="muted" role="status" aria-live="polite">
          {waiting?.for === 'permission' && t('enrolWaitingPermission', waiting.host)}
          {waiting?.for === 'vendor' && t('enrolWaitingVendor', waiting.host, seconds)}
        </p>
      </form>
      {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
    </section>
  );
}
