// The toolbar popup: what is this page about, can I recommend something here, how am I doing.
// A skeleton renders at once; the worker's answers fill it in as they arrive (all local state).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ActivityView, SettingsView } from '../core/messages';
import { useEnv, type UiEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { fromResult, LOADING, type Remote } from '../ui/remote';
import { Tabs } from '../ui/Tabs';
import { ActivityPanel, problemKey } from './ActivityPanel';
import type { TabAnswer, VendorsAnswer } from './model';
import { PagePanel } from './PagePanel';

/** The four reads, sent at once. Started during the first render, not after paint. */
function startLoading(env: UiEnv) {
  const active = env.activeTab();
  return {
    tabId: active.then((tab) => tab?.id).catch(() => undefined),
    tab: active
      .then(async (tab): Promise<Remote<TabAnswer>> => (tab ? fromResult(await env.send('page.forTab', { tabId: tab.id })) : { state: 'ok', value: null }))
      .catch((error: unknown): Remote<TabAnswer> => ({ state: 'error', error: { code: 'tab', message: String(error) } })),
    vendors: env.send('vendors.list').then(fromResult),
    settings: env.send('settings.get').then(fromResult),
    activity: env.send('activity.get', { limit: ACTIVITY_LIMIT, markSeen: true }).then(fromResult),
  };
}

const ACTIVITY_LIMIT = 25;

export function Popup({ onFirstRender }: { onFirstRender?: () => void }) {
  const env = useEnv();
  const [loading] = useState(() => startLoading(env));
  const [tab, setTab] = useState<Remote<TabAnswer>>(LOADING);
  const [vendors, setVendors] = useState<Remote<VendorsAnswer>>(LOADING);
  const [activity, setActivity] = useState<Remote<ActivityView>>(LOADING);
  const [settings, setSettings] = useState<Remote<SettingsView>>(LOADING);
  const [online, setOnline] = useState(() => env.isOnline());
  const [view, setView] = useState('page');
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const firstRenderDone = useRef(false);

  const refreshActivity = useCallback(() => env.send('activity.get', { limit: ACTIVITY_LIMIT }).then((r) => setActivity(fromResult(r))), [env]);

  useEffect(() => env.onOnlineChange(() => setOnline(env.isOnline())), [env]);

  useEffect(() => {
    // Each answer renders as soon as it lands.
    void loading.tab.then(setTab);
    void loading.tabId.then(setTabId);
    void loading.vendors.then(setVendors);
    void loading.settings.then(setSettings);
    void loading.activity.then(setActivity);
  }, [loading]);

  // Layout effect: runs right after the DOM is updated, which is the moment being measured.
  useLayoutEffect(() => {
    if (firstRenderDone.current || tab.state === 'loading' || vendors.state === 'loading') return;
    firstRenderDone.current = true;
    onFirstRender?.();
  }, [tab, vendors, onFirstRender]);

  const shownProblems = new Set(vendors.state === 'ok' ? vendors.value.problems.map(problemKey) : []);
  const notEnrolled = vendors.state === 'ok' && vendors.value.vendors.length === 0;
  const unsynced = activity.state === 'ok' ? activity.value.unsynced : 0;
  const paused = settings.state === 'ok' && !settings.value.suggestionsEnabled;

  async function togglePause() {
    if (settings.state !== 'ok') return;
    const answer = await env.send('settings.set', { suggestionsEnabled: paused });
    setSettings(fromResult(answer));
  }

  return (
    <main class="popup">
      <header class="bar">
        <h1>{t('appName')}</h1>
        <span class="row">
          {settings.state === 'ok' && !notEnrolled && (
            <button type="button" class="link" aria-pressed={paused} onClick={() => void togglePause()}>
              {paused ? t('resumeSuggestions') : t('pauseSuggestions')}
            </button>
          )}
          <button type="button" class="link" onClick={() => env.openOptionsPage()}>
            {t('openSettings')}
          </button>
        </span>
      </header>
      {paused && <Notice kind="info">{t('pausedNote')}</Notice>}
      {!online && <Notice kind="info">{t('offlineNote')}</Notice>}
      {vendors.state === 'error' && <Notice kind="error" title={t('errorTitle')}>{vendors.error.message}</Notice>}
      {vendors.state === 'ok' &&
        vendors.value.problems.map((problem) => (
          <Notice kind="warning" key={problemKey(problem)}>
            {problem.message}
          </Notice>
        ))}
      {notEnrolled && (
        <section class="first-run" aria-labelledby="first-run-h">
          <h2 id="first-run-h">{t('firstRunTitle')}</h2>
          <p>{t('firstRunBody')}</p>
          <button type="button" class="primary" onClick={() => env.openOptionsPage()}>
            {t('firstRunAction')}
          </button>
        </section>
      )}
      <Tabs
        label={t('popupSections')}
        selected={view}
        onSelect={setView}
        tabs={[
          { id: 'page', label: t('tabThisPage') },
          { id: 'activity', label: unsynced > 0 ? `${t('tabActivity')} (${unsynced})` : t('tabActivity') },
        ]}
      >
        {view === 'page' ? (
          <PagePanel tab={tab} tabId={tabId} vendors={vendors} settings={settings} onCreated={() => void refreshActivity()} />
        ) : (
          <ActivityPanel activity={activity} online={online} shownProblems={shownProblems} onChanged={() => void refreshActivity()} />
        )}
      </Tabs>
    </main>
  );
}
