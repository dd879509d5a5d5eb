// Matched (or searched) products with their offers, and the form that turns one offer into
// a tracked, disclosed link. A vendor with no Advocate programme is said to have none: its
// offer can still be shared as a plain link, saying that it is unpaid.
import { useRef, useState } from 'preact/hooks';
import type { PageMatch } from '../core/match';
import type { SettingsView, VendorView } from '../core/messages';
import { renderUnpaidShares } from '../core/referral/disclosure';
import { CredentialBadge } from '../ui/CredentialBadge';
import { credentialFor } from '../ui/credentials';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { GenerateForm } from './GenerateForm';
import { defaultChannel, offerKey, recommendableOffers, type OfferChoice, type OfferRef, type ProductChoice, type VendorOffers } from './model';
import { ShareResult } from './ShareResult';

interface Props {
  products: ProductChoice[];
  pageType: PageMatch['pageType'] | undefined;
  vendors: VendorView[];
  pageUrl?: string;
  sharePageDefault: SettingsView['sharePageUrl'];
  onCreated(): void;
}

export function Recommend(props: Props) {
  const offers = recommendableOffers(props.products);
  const [selected, setSelected] = useState(() => (offers[0] ? offerKey(offers[0]) : ''));
  const [unpaid, setUnpaid] = useState<{ key: string; vendor: VendorOffers; offer: OfferChoice; productName: string } | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const vendorsById = new Map(props.vendors.map((vendor) => [vendor.id, vendor]));
  const initialChannel = defaultChannel(props.pageType, props.pageUrl);

  // "Use this offer": it is chosen in the form below, which comes into view with its Create button focused.
  function choose(ref: OfferRef) {
    setSelected(offerKey(ref));
    const form = formRef.current;
    form?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    form?.querySelector<HTMLElement>('button[type="submit"]')?.focus({ preventScroll: true });
  }

  return (
    <>
      <ul class="products" aria-label={t('matchedProducts')}>
        {props.products.map((product) => (
          <li class="card" key={product.productId}>
            <h2 class="product-name">{product.name}</h2>
            {product.description && <p class="muted">{product.description}</p>}
            <ul class="vendors">
              {product.vendors.map((vendor) => (
                <li key={vendor.vendorId} class="vendor" data-programme={vendor.programme ? 'yes' : 'no'}>
                  <div class="vendor-line">
                    <strong>{vendor.vendorName}</strong>
                    <VendorStatus vendor={vendor} credential={credentialFor(vendorsById.get(vendor.vendorId), product.productId)} />
                  </div>
                  {!vendor.programme && <p class="muted small">{t('noProgrammeExplained', vendor.vendorName)}</p>}
                  <ul class="offers">
                    {vendor.offers.map((offer) => {
                      const key = `${vendor.vendorId}/${product.productId}/${offer.id}`;
                      return (
                        <li key={offer.id} class="offer">
                          <span class="offer-name">{offer.name}</span>
                          <p class="adds">{offer.adds}</p>
                          {vendor.enrolled && (
                            <button
                              type="button"
                              class="small"
                              aria-label={t('recommendOfferLabel', offer.name, vendor.vendorName)}
                              onClick={() => choose({ vendorId: vendor.vendorId, vendorName: vendor.vendorName, productId: product.productId, productName: product.name, offer })}
                            >
                              {t('recommendOffer')}
                            </button>
                          )}
                          {!vendor.programme && (
                            <button
                              type="button"
                              class="small"
                              aria-expanded={unpaid?.key === key}
                              aria-label={t('unpaidShareLabel', offer.name, vendor.vendorName)}
                              onClick={() => setUnpaid(unpaid?.key === key ? null : { key, vendor, offer, productName: product.name })}
                            >
                              {t('unpaidShare')}
                            </button>
                          )}
                          {unpaid?.key === key && <UnpaidLink vendor={vendor} offer={offer} productName={product.name} channel={initialChannel} />}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {offers.length > 0 ? (
        <div ref={formRef}>
          <GenerateForm
            offers={offers}
            selected={selected}
            onSelect={setSelected}
            initialChannel={initialChannel}
            pageUrl={props.pageUrl}
            sharePageDefault={props.sharePageDefault}
            onCreated={props.onCreated}
          />
        </div>
      ) : (
        props.vendors.length > 0 && <p class="muted">{t('noEnrolledOffer')}</p>
      )}
    </>
  );
}

/** Enrolled (with the certification), runs a programme (enrol to recommend), or runs none. */
function VendorStatus({ vendor, credential }: { vendor: VendorOffers; credential: Parameters<typeof CredentialBadge>[0]['credential'] }) {
  const env = useEnv();
  if (vendor.enrolled) return <CredentialBadge credential={credential} />;
  if (vendor.programme) {
    return (
      <button type="button" class="link" onClick={() => env.openOptionsPage()}>
        {t('enrolToRecommend', vendor.vendorName)}
      </button>
    );
  }
  return <span class="badge badge-muted">{t('noProgramme')}</span>;
}

function UnpaidLink({ vendor, offer, productName, channel }: { vendor: VendorOffers; offer: OfferChoice; productName: string; channel: Parameters<typeof ShareResult>[0]['channel'] }) {
  let share;
  try {
    share = renderUnpaidShares({ url: offer.url, vendorName: vendor.vendorName, offerName: offer.name });
  } catch {
    return null; // the catalog's offer URL is checked when it is compiled; a bad one is simply not offered
  }
  return <ShareResult link={offer.url} share={share} channel={channel} productName={productName} offerName={offer.name} synced={false} unpaid={{ vendorName: vendor.vendorName }} />;
}
