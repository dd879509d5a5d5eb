// The options page: enrolment, vendors and certifications, disclosure and privacy settings, data.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CommandResponse } from '../background/commands';
import type { SettingsView } from '../core/messages';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import { fromResult, LOADING, type Remote } from '../ui/remote';
import { DataPanel } from './DataPanel';
import { EnrolForm } from './EnrolForm';
import { SettingsForm } from './SettingsForm';
import { SuggestionSettings } from './SuggestionSettings';
import { VendorList } from './VendorList';
import { Welcome } from './Welcome';

export function Options() {
  const env = useEnv();
  const [vendors, setVendors] = useState<Remote<CommandResponse<'vendors.list'>>>(LOADING);
  const [settings, setSettings] = useState<Remote<SettingsView>>(LOADING);
  const [notice, setNotice] = useState<string | null>(null);

  const loadVendors = useCallback(() => env.send('vendors.list').then((r) => setVendors(fromResult(r))), [env]);
  const loadSettings = useCallback(() => env.send('settings.get').then((r) => setSettings(fromResult(r))), [env]);

  useEffect(() => {
    void loadVendors();
    void loadSettings();
  }, [loadVendors, loadSettings]);

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {vendors.state === 'ok' && vendors.value.vendors.length === 0 && <Welcome />}
      <EnrolForm onEnrolled={() => void loadVendors()} otherEnrolments={vendors.state === 'ok' ? vendors.value.vendors.length : 0} />
      <section aria-labelledby="vendors-h">
        <h2 id="vendors-h">{t('vendorsTitle')}</h2>
        {notice && <Notice kind="info">{notice}</Notice>}
        {vendors.state === 'loading' && <p aria-busy="true">{t('loading')}</p>}
        {vendors.state === 'error' && <Notice kind="error">{vendors.error.message}</Notice>}
        {vendors.state === 'ok' && (
          <>
            {vendors.value.problems.map((problem) => (
              <Notice kind="warning" key={`${problem.code}:${problem.vendorId ?? ''}`}>
                {problem.message}
              </Notice>
            ))}
            <VendorList
              vendors={vendors.value.vendors}
              onChanged={(message) => {
                setNotice(message ?? null);
                void loadVendors();
              }}
            />
          </>
        )}
      </section>
      {settings.state === 'loading' && <p aria-busy="true">{t('loading')}</p>}
      {settings.state === 'error' && <Notice kind="error">{settings.error.message}</Notice>}
      {settings.state === 'ok' && <SettingsForm settings={settings.value} onSaved={(next) => setSettings({ state: 'ok', value: next })} />}
      {settings.state === 'ok' && <SuggestionSettings settings={settings.value} onSaved={(next) => setSettings({ state: 'ok', value: next })} />}
      <DataPanel
        vendors={vendors.state === 'ok' ? vendors.value.vendors : []}
        onChanged={() => {
          void loadVendors();
          void loadSettings();
        }}
      />
    </main>
  );
}
