// The new link with its disclosure, ready to leave the extension: copy in three formats,
// a QR code for slides, or an e-mail. The disclosure always travels with it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ShareView } from '../core/messages';
import { channelFormat, type Channel } from '../core/referral/channels';
import { copyHtml, copyText } from '../ui/clipboard';
import { t } from '../ui/i18n';
import { groupCode } from '../ui/names';
import { QrCode } from '../ui/QrCode';

interface Props {
  link: string;
  share: ShareView;
  channel: Channel;
  productName: string;
  offerName: string;
  synced: boolean;
  /** The referral code, shown grouped for reading aloud (the link keeps it as is). */
  code?: string;
  /** A vendor with no Advocate programme: its plain offer link, nothing recorded or sent. */
  unpaid?: { vendorName: string };
}

export function mailtoHref(subject: string, body: string): string {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function ShareResult({ link, share, channel, productName, offerName, synced, code, unpaid }: Props) {
  const [status, setStatus] = useState('');
  const [showQr, setShowQr] = useState(false);
  const preview = channelFormat(channel) === 'markdown' ? share.markdown : share.text;
  const field = useRef<HTMLInputElement>(null);
  const [headingId, linkId, previewId] = unpaid ? ['unpaid-share-h', 'unpaid-link', 'unpaid-preview-h'] : ['share-h', 'share-link', 'preview-h'];

  // The popup is at most 600 px high: a new link lands below the fold. Bring it (and its copy
  // buttons) into view, and put the focus on it, so keyboard and screen-reader users are there too.
  useEffect(() => {
    const input = field.current;
    if (!input) return;
    input.closest('section')?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    input.focus({ preventScroll: true });
  }, [link]);

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
    <section class={unpaid ? 'share unpaid' : 'share'} aria-labelledby={headingId}>
      <h3 id={headingId}>{unpaid ? t('unpaidReady') : t('linkReady')}</h3>
      <label for={linkId}>{unpaid ? t('unpaidLinkLabel') : t('linkLabel')}</label>
      <input id={linkId} ref={field} class="link-field" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      {code && <p class="code-line">{t('codeLabel', groupCode(code))}</p>}
      <p class="muted">{unpaid ? t('unpaidNothingSent', unpaid.vendorName) : synced ? t('linkSynced') : t('linkSavedOffline')}</p>
      <h4 id={previewId}>{t('disclosurePreview')}</h4>
      <pre class="preview" aria-labelledby={previewId} tabIndex={0}>
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
        <button type="button" aria-expanded={showQr} aria-controls={`${linkId}-qr`} onClick={() => setShowQr(!showQr)}>
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
        <div id={`${linkId}-qr`} class="qr-box">
          <QrCode text={link} label={t('qrLabel', offerName)} />
          <p class="muted">{t('qrDisclosureHint')}</p>
          <p class="qr-disclosure">{share.text}</p>
        </div>
      )}
    </section>
  );
}
