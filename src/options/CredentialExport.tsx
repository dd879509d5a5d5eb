// Sharing one certification outside Advocate: the signed credential as a JSON file any Open
// Badges 3.0 verifier or wallet accepts, and the vendor's public address for it as a link and a
// QR code a client opens. Nothing is fetched or sent until the practitioner clicks.
import { useState } from 'preact/hooks';
import type { CommandResponse } from '../background/commands';
import type { CredentialView } from '../core/messages';
import { copyText } from '../ui/clipboard';
import { download } from '../ui/download';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { QrCode } from '../ui/QrCode';

type Exported = CommandResponse<'credentials.export'>;

export function CredentialExport({ vendorId, credential }: { vendorId: string; credential: CredentialView }) {
  const env = useEnv();
  const [shared, setShared] = useState<Exported | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = credential.achievementName ?? credential.productId ?? t('certUnknownProduct');
  const credentialId = credential.credentialId;
  if (!credentialId) return null;

  const load = async (): Promise<Exported | null> => {
    const answer = await env.send('credentials.export', { vendorId, credentialId });
    if (answer.ok) return answer.value;
    setMessage({ ok: false, text: answer.error.message });
    return null;
  };

  async function saveFile() {
    setMessage(null);
    const exported = await load();
    if (!exported) return;
    download(exported.fileName, exported.json);
    setMessage({ ok: true, text: t('credSaved', exported.fileName) });
  }

  async function toggleLink() {
    setMessage(null);
    if (shared) return setShared(null);
    setShared(await load());
  }

  async function copyLink(url: string) {
    try {
      await copyText(url);
      setMessage({ ok: true, text: t('credLinkCopied') });
    } catch (error) {
      setMessage({ ok: false, text: t('copyFailed', String(error)) });
    }
  }

  const linkId = `cred-link-${credentialId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <div class="cred-export">
      <div class="row">
        <button type="button" onClick={() => void saveFile()} aria-label={t('credSaveFileFor', name)}>
          {t('credSaveFile')}
        </button>
        <button type="button" aria-expanded={shared !== null} onClick={() => void toggleLink()} aria-label={t('credShareLinkFor', name)}>
          {t('credShareLink')}
        </button>
      </div>
      {shared &&
        (shared.url ? (
          <div class="stack">
            <label for={linkId}>{t('credLinkLabel', name)}</label>
            <input id={linkId} type="url" readOnly value={shared.url} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
            <button type="button" onClick={() => void copyLink(shared.url!)}>
              {t('credCopyLink')}
            </button>
            <QrCode text={shared.url} label={t('credQrLabel', name)} />
          </div>
        ) : (
          <p class="muted">{t('credNoLink')}</p>
        ))}
      {message && (
        <p class={message.ok ? 'muted' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
