// Payout statements in the Activity tab: what each closed period pays, from each enrolled
// vendor (statements.list asks them when the tab shows), and whether it was paid yet.
import { useEffect, useState } from 'preact/hooks';
import type { CommandResponse } from '../background/commands';
import { useEnv } from '../ui/env';
import { formatDate, formatMoney } from '../ui/format';
import { t } from '../ui/i18n';
import { fromResult, LOADING, type Remote } from '../ui/remote';

type Answer = CommandResponse<'statements.list'>;

export function Statements() {
  const env = useEnv();
  const [answer, setAnswer] = useState<Remote<Answer>>(LOADING);
  useEffect(() => {
    let live = true;
    void env.send('statements.list').then((result) => live && setAnswer(fromResult(result)));
    return () => void (live = false);
  }, [env]);

  // Statements are read from the vendors, after the rest of the tab: nothing shows until they answer.
  if (answer.state === 'loading') return null;
  if (answer.state === 'error') return <p class="muted">{t('statementsUnavailable', answer.error.message)}</p>;
  const vendors = answer.value.vendors;
  if (vendors.length === 0) return null;
  const entries = vendors.flatMap((vendor) => vendor.statements.map((entry) => ({ vendor, entry })));
  return (
    <section aria-labelledby="statements-h">
      <h2 id="statements-h">{t('statementsTitle')}</h2>
      {entries.length === 0 && <p class="muted">{t('statementsNone')}</p>}
      {entries.length > 0 && (
        <ul class="statements">
          {entries.map(({ vendor, entry: { statement, paidAt } }) => (
            <li key={`${vendor.vendorId}:${statement.id}`} class="statement">
              <strong>{formatMoney(statement.total, statement.currency)}</strong> · {vendor.vendorName}
              <div class="muted">
                {t('statementPeriod', formatDate(statement.periodEnd), statement.lines.length)} · {paidAt ? t('statementPaid', formatDate(paidAt)) : t('statementNotPaid')}
              </div>
            </li>
          ))}
        </ul>
      )}
      {vendors
        .filter((vendor) => vendor.error)
        .map((vendor) => (
          <p class="muted" key={vendor.vendorId}>
            {t('statementsVendorError', vendor.vendorName, vendor.error!)}
          </p>
        ))}
    </section>
  );
}
