// Generate: offer, channel, optional campaign and how much of the page URL travels with the
// referral. The worker creates the referral offline and answers with the link and its share texts.
import { useState } from 'preact/hooks';
import type { CommandResponse } from '../background/commands';
import type { SettingsView } from '../core/messages';
import { CHANNELS, type Channel } from '../core/referral/channels';
import { LIMITS } from '../core/schema/limits';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { DealForm } from './DealForm';
import { isWebUrl, offerKey, type OfferRef } from './model';
import { ShareResult } from './ShareResult';

type SharePageUrl = SettingsView['sharePageUrl'];
type Created = CommandResponse<'referrals.create'>;

interface Props {
  offers: OfferRef[];
  selected: string;
  onSelect(key: string): void;
  initialChannel: Channel;
  pageUrl?: string;
  sharePageDefault: SharePageUrl;
  onCreated(): void;
}

export function GenerateForm(props: Props) {
  const env = useEnv();
  const [channel, setChannel] = useState<Channel>(props.initialChannel);
  const [campaign, setCampaign] = useState('');
  const [sharePageUrl, setSharePageUrl] = useState<SharePageUrl>(props.sharePageDefault);
  const [giveBack, setGiveBack] = useState(false);
  const [giveBackPercent, setGiveBackPercent] = useState(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ result: Created; ref: OfferRef; channel: Channel } | null>(null);

  const ref = props.offers.find((offer) => offerKey(offer) === props.selected) ?? props.offers[0]!;
  const webPage = isWebUrl(props.pageUrl);
  const fundingUrl = ref.funding?.[0]?.url;

  async function create(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await env.send('referrals.create', {
      vendorId: ref.vendorId,
      productId: ref.productId,
      offerId: ref.offer.id,
      channel,
      ...(campaign.trim() ? { campaign: campaign.trim() } : {}),
      ...(webPage ? { pageUrl: props.pageUrl, sharePageUrl } : {}),
      ...(giveBack && fundingUrl ? { giveBack: { url: fundingUrl, percent: giveBackPercent } } : {}),
    });
    setBusy(false);
    if (answer.ok) {
      setCreated({ result: answer.value, ref, channel });
      props.onCreated();
    } else {
      setError(answer.error.message);
    }
  }

  return (
    <section class="generate" aria-labelledby="generate-h">
      <h2 id="generate-h">{t('generateTitle')}</h2>
      <form onSubmit={create} class="stack">
        <label for="gen-offer">{t('offerLabel')}</label>
        <select
          id="gen-offer"
          value={offerKey(ref)}
          onChange={(e) => {
            props.onSelect(e.currentTarget.value);
            setCreated(null);
          }}
        >
          {props.offers.map((offer) => (
            <option value={offerKey(offer)} key={offerKey(offer)}>
              {`${offer.productName} — ${offer.offer.name} (${offer.vendorName})`}
            </option>
          ))}
        </select>
        <label for="gen-channel">{t('channelLabel')}</label>
        <select id="gen-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)}>
          {CHANNELS.map((c) => (
            <option value={c} key={c}>
              {t(`channel_${c.replace(/-/g, '_')}`)}
            </option>
          ))}
        </select>
        <label for="gen-campaign">{t('campaignLabel')}</label>
        <input id="gen-campaign" type="text" maxLength={LIMITS.campaign} value={campaign} placeholder={t('campaignPlaceholder')} onInput={(e) => setCampaign(e.currentTarget.value)} />
        {webPage && (
          <>
            <label for="gen-page-url">{t('sharePageUrlLabel')}</label>
            <select id="gen-page-url" value={sharePageUrl} onChange={(e) => setSharePageUrl(e.currentTarget.value as SharePageUrl)}>
              <option value="host">{t('sharePageUrl_host')}</option>
              <option value="full">{t('sharePageUrl_full')}</option>
              <option value="none">{t('sharePageUrl_none')}</option>
            </select>
          </>
        )}
        {fundingUrl && (
          <fieldset class="give-back">
            <legend>{t('giveBackLegend', ref.productName)}</legend>
            <label>
              <input type="checkbox" checked={giveBack} onChange={(e) => setGiveBack(e.currentTarget.checked)} /> {t('giveBackLabel')}
            </label>
            {giveBack && (
              <>
                <label for="gen-give-back">{t('giveBackPercentLabel')}</label>
                <input id="gen-give-back" type="number" min={1} max={100} step={1} value={giveBackPercent} onInput={(e) => setGiveBackPercent(Math.min(100, Math.max(1, Math.round(Number(e.currentTarget.value) || 1))))} />
                <p class="muted">{t('giveBackWhere', fundingUrl)}</p>
              </>
            )}
          </fieldset>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('creating') : t('createLink')}
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {created && (
        <ShareResult
          link={created.result.link}
          share={created.result.share}
          channel={created.channel}
          productName={created.ref.productName}
          offerName={created.ref.offer.name}
          synced={created.result.referral.sync === 'synced'}
          code={created.result.referral.code}
        />
      )}
      <DealForm vendorId={ref.vendorId} vendorName={ref.vendorName} productId={ref.productId} productName={ref.productName} />
    </section>
  );
}
