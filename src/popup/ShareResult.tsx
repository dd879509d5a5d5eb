// The new link with its disclosure, ready to leave the extension: copy in three formats,
// a QR code for slides, or an e-mail. The disclosure always travels with it.
import { useState } from 'preact/hooks';
import type { ShareView } from '../core/messages';
import { channelFormat, type Channel } from '../core/referral/channels';
import { copyHtml, copyText } from '../ui/clipboard';
import { t } from '../ui/i18n';
import { QrCode } from '../ui/QrCode';

interface Props {
  link: string;
  share: ShareView;
  channel: Channel;
  productName: string;
  offerName: string;
  synced: boolean;
}

export function mailtoHref(subject: string, body: string): string {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function ShareResult({ link, share, channel, productName, offerName, synced }: Props) {
  const [status, setStatus] = useState('');
  const [showQr, setShowQr] = useState(false);
  const preview = channelFormat(channel) === 'markdown' ? share.markdown : share.text;

  async function copy(what: 'markdown' | 'text' | 'html') {
    try {
      if (what === 'html') await copyHtml(share.html, share.text);
      else await copyText(what === 'markdown' ? share.markdown : share.text);
      setStatus(t(`copied_${what}`));
    } catch (error) {
      setStatus(t('copyFailed', error instanceof Error ? error.message : String(error)));
    }
  }

  return (
    <section class="share" aria-labelledby="share-h">
      <h3 id="share-h">{t('linkReady')}</h3>
      <label for="share-link">{t('linkLabel')}</label>
      <input id="share-link" class="link-field" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      <p class="muted">{synced ? t('linkSynced') : t('linkSavedOffline')}</p>
      <h4 id="preview-h">{t('disclosurePreview')}</h4>
      <pre class="preview" aria-labelledby="preview-h" tabIndex={0}>
        {preview}
      </pre>
      <div class="actions" role="group" aria-label={t('shareActions')}>
        <button type="button" onClick={() => void copy('markdown')}>
          {t('copyMarkdown')}
        </button>
        <button type="button" onClick={() => void copy('text')}>
          {t('copyText')}
        </button>
        <button type="button" onClick={() => void copy('html')}>
          {t('copyHtml')}
        </button>
        <button type="button" aria-expanded={showQr} aria-controls="share-qr" onClick={() => setShowQr(!showQr)}>
          {showQr ? t('hideQr') : t('showQr')}
        </button>
        <a class="button" href={mailtoHref(t('emailSubject', offerName, productName), share.text)} target="_blank" rel="noopener">
          {t('shareEmail')}
        </a>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      {showQr && (
        <div id="share-qr" class="qr-box">
          <QrCode text={link} label={t('qrLabel', offerName)} />
          <p class="muted">{t('qrDisclosureHint')}</p>
          <p class="qr-disclosure">{share.text}</p>
        </div>
      )}
    </section>
  );
}
