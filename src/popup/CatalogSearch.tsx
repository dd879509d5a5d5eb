// No match on this page: search the catalog by name and recommend from the hits.
import { useState } from 'preact/hooks';
import type { ProductHitView, SettingsView, VendorView } from '../core/messages';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { fromResult, type Remote } from '../ui/remote';
import { enrolledIds, productsFromHits } from './model';
import { Recommend } from './Recommend';

interface Props {
  vendors: VendorView[];
  pageUrl?: string;
  sharePageDefault: SettingsView['sharePageUrl'];
  onCreated(): void;
}

export function CatalogSearch(props: Props) {
  const env = useEnv();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Remote<ProductHitView[]> | null>(null);

  async function search(event: Event) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setHits({ state: 'loading' });
    setHits(fromResult(await env.send('catalog.search', { query: q, limit: 10 })));
  }

  return (
    <section class="search" aria-labelledby="search-h">
      <h2 id="search-h">{t('searchTitle')}</h2>
      <form class="row" role="search" onSubmit={search}>
        <label class="visually-hidden" for="catalog-query">
          {t('searchLabel')}
        </label>
        <input id="catalog-query" type="search" value={query} placeholder={t('searchPlaceholder')} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit">{t('searchAction')}</button>
      </form>
      {hits?.state === 'loading' && <p class="muted" aria-busy="true">{t('loading')}</p>}
      {hits?.state === 'error' && <Notice kind="error">{hits.error.message}</Notice>}
      {hits?.state === 'ok' &&
        (hits.value.length === 0 ? (
          <p role="status">{t('searchNothing', query.trim())}</p>
        ) : (
          <Recommend products={productsFromHits(hits.value, enrolledIds(props.vendors))} pageType={undefined} {...props} />
        ))}
    </section>
  );
}
