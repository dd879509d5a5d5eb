// "This page": what the current tab is about and what can be recommended on it.
import type { SettingsView } from '../core/messages';
import { t } from '../ui/i18n';
import { siteName } from '../ui/names';
import { Notice } from '../ui/Notice';
import type { Remote } from '../ui/remote';
import { CatalogSearch } from './CatalogSearch';
import { enrolledIds, productsFromMatch, type TabAnswer, type VendorsAnswer } from './model';
import { Recommend } from './Recommend';
import { SiteAccess } from './SiteAccess';

export interface PagePanelProps {
  tab: Remote<TabAnswer>;
  tabId?: number | undefined;
  vendors: Remote<VendorsAnswer>;
  settings: Remote<SettingsView>;
  onCreated(): void;
}

export function PagePanel({ tab, tabId, vendors, settings, onCreated }: PagePanelProps) {
  if (tab.state === 'loading' || vendors.state === 'loading') {
    return (
      <div class="skeleton" aria-busy="true">
        <p>{t('loadingPage')}</p>
        <div class="skeleton-line" />
        <div class="skeleton-line short" />
      </div>
    );
  }
  if (tab.state === 'error') return <Notice kind="error" title={t('errorTitle')}>{tab.error.message}</Notice>;

  const vendorList = vendors.state === 'ok' ? vendors.value.vendors : [];
  const pageUrl = tab.value?.url;
  const match = tab.value?.match ?? null;
  const products = match ? productsFromMatch(match, enrolledIds(vendorList)) : [];
  const sharePageDefault = settings.state === 'ok' ? settings.value.sharePageUrl : 'host';
  const common = { vendors: vendorList, pageUrl, sharePageDefault, onCreated };

  return (
    <div class="page-panel">
      {match && match.pageType !== 'other' && (
        <p class="page-type">{t('pageTypeLine', t(`pageType_${match.pageType}`), siteName(match.site, pageUrl))}</p>
      )}
      {products.length === 0 ? (
        <>
          <p class="no-match">{tab.value ? t('noMatch') : t('noPage')}</p>
          <CatalogSearch {...common} />
        </>
      ) : (
        <Recommend products={products} pageType={match?.pageType} {...common} />
      )}
      {tab.value && <SiteAccess page={tab.value} tabId={tabId} />}
    </div>
  );
}
