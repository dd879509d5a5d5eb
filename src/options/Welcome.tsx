// The first thing a new practitioner sees (the options page opens on install): what Advocate
// does, what it reads, and how to enrol. Shown until they are enrolled with a vendor.
import { t } from '../ui/i18n';

export function Welcome() {
  return (
    <section class="welcome" aria-labelledby="welcome-h">
      <h2 id="welcome-h">{t('welcomeTitle')}</h2>
      <dl class="facts welcome-facts">
        <dt>{t('welcomeWhatTitle')}</dt>
        <dd>{t('welcomeWhat')}</dd>
        <dt>{t('welcomeReadsTitle')}</dt>
        <dd>{t('welcomeReads')}</dd>
        <dt>{t('welcomeEnrolTitle')}</dt>
        <dd>
          {t('welcomeEnrol')}{' '}
          <a href="#enrol-h">{t('welcomeEnrolLink')}</a>
        </dd>
      </dl>
    </section>
  );
}
