// Matched (or searched) products with their offers, and the form that turns one offer into
// a tracked, disclosed link.
import { useRef, useState } from 'preact/hooks';
import type { PageMatch } from '../core/match';
import type { SettingsView, VendorView } from '../core/messages';
import { CredentialBadge } from '../ui/CredentialBadge';
import { credentialFor } from '../ui/credentials';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { GenerateForm } from './GenerateForm';
import { defaultChannel, offerKey, recommendableOffers, type OfferRef, type ProductChoice } from './model';

interface Props {
  products: ProductChoice[];
  pageType: PageMatch['pageType'] | undefined;
  vendors: VendorView[];
  pageUrl?: string;
  sharePageDefault: SettingsView['sharePageUrl'];
  onCreated(): void;
}

export function Recommend(props: Props) {
  const env = useEnv();
  const offers = recommendableOffers(props.products);
  const [selected, setSelected] = useState(() => (offers[0] ? offerKey(offers[0]) : ''));
  const formRef = useRef<HTMLDivElement>(null);
  const vendorsById = new Map(props.vendors.map((vendor) => [vendor.id, vendor]));

  function choose(ref: OfferRef) {
    setSelected(offerKey(ref));
    formRef.current?.querySelector<HTMLElement>('select')?.focus();
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
                <li key={vendor.vendorId} class="vendor">
                  <div class="vendor-line">
                    <strong>{vendor.vendorName}</strong>
                    {vendor.enrolled ? (
                      <CredentialBadge credential={credentialFor(vendorsById.get(vendor.vendorId), product.productId)} />
                    ) : (
                      <button type="button" class="link" onClick={() => env.openOptionsPage()}>
                        {t('enrolToRecommend', vendor.vendorName)}
                      </button>
                    )}
                  </div>
                  <ul class="offers">
                    {vendor.offers.map((offer) => (
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
                      </li>
                    ))}
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
            initialChannel={defaultChannel(props.pageType, props.pageUrl)}
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
