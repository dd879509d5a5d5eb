// "How am I doing": recent referrals with their sync state and results, totals per vendor,
// and what has not reached its vendor yet, with a way to retry.
import { useState } from 'preact/hooks';
import type { ActivityView, DealView, ProblemView, ReferralView, SyncReportView } from '../core/messages';
import { BarChart } from '../ui/BarChart';
import { useEnv } from '../ui/env';
import { earned, formatDateTime, formatMoney, formatNumber } from '../ui/format';
import { t, tn } from '../ui/i18n';
import { Notice } from '../ui/Notice';
import type { Remote } from '../ui/remote';
import { Statements } from './Statements';

interface Props {
  activity: Remote<ActivityView>;
  online: boolean;
  /** Problems the popup already shows above the tabs (keys from problemKey). */
  shownProblems: ReadonlySet<string>;
  onChanged(): void;
}

export const problemKey = (problem: ProblemView) => `${problem.code}:${problem.vendorId ?? ''}:${problem.message}`;

const isDeal = (item: ReferralView | DealView): item is DealView => 'customerName' in item;

export function ActivityPanel({ activity, online, shownProblems, onChanged }: Props) {
  if (activity.state === 'loading') return <p class="skeleton" aria-busy="true">{t('loading')}</p>;
  if (activity.state === 'error') return <Notice kind="error" title={t('errorTitle')}>{activity.error.message}</Notice>;
  const a = activity.value;
  const currency = new Map(a.totals.map((total) => [total.vendorId, total.currency]));
  const vendorName = new Map(a.totals.map((total) => [total.vendorId, total.vendorName]));

  return (
    <div class="activity">
      {a.newConversions > 0 && <Notice kind="success">{tn('newConversions', a.newConversions)}</Notice>}
      {a.problems
        .filter((problem) => !shownProblems.has(problemKey(problem)))
        .map((problem) => (
          <Notice kind="warning" key={problemKey(problem)}>
            {problem.message}
          </Notice>
        ))}
      <SyncBox unsynced={a.unsynced} online={online} vendorName={vendorName} onChanged={onChanged} />
      {a.parked.length > 0 && <Parked items={a.parked} vendorName={vendorName} onChanged={onChanged} />}
      <Totals activity={a} />
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t('recentReferrals')}</h2>
        {a.referrals.length === 0 ? (
          <p class="muted">{t('noReferrals')}</p>
        ) : (
          <ul class="referrals">
            {a.referrals.map((r) => (
              <li key={r.id} class="referral">
                <div class="referral-line">
                  <span>
                    <strong>{r.productName ?? r.productId}</strong> · {r.offerName ?? r.offerId} · {vendorName.get(r.vendorId) ?? r.vendorId}
                  </span>
                  <SyncBadge state={r.sync} />
                </div>
                <div class="muted">
                  {t(`channel_${r.channel.replace(/-/g, '_')}`)}
                  {r.campaign ? ` · ${r.campaign}` : ''} · {formatDateTime(r.createdAt)}
                </div>
                {r.stats && (
                  <div class="stats">
                    {t('referralStats', formatNumber(r.stats.clicks), formatNumber(r.stats.conversions), formatMoney(earned(r.stats.commission), currency.get(r.vendorId)))}
                  </div>
                )}
                {r.error && <p class="field-error">{r.error}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Statements />
    </div>
  );
}

function SyncBadge({ state }: { state: ReferralView['sync'] }) {
  return (
    <span class={`badge sync-${state}`} data-sync={state}>
      {t(`sync_${state}`)}
    </span>
  );
}

function SyncBox({ unsynced, online, vendorName, onChanged }: { unsynced: number; online: boolean; vendorName: Map<string, string>; onChanged(): void }) {
  const env = useEnv();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ ok: true; value: SyncReportView } | { ok: false; message: string } | null>(null);


  async function syncNow() {
    setBusy(true);
    const answer = await env.send('sync.now');
    setBusy(false);
    setReport(answer.ok ? { ok: true, value: answer.value } : { ok: false, message: answer.error.message });
    onChanged();
  }

  return (
    <div class="sync-box">
      <p>{unsynced > 0 ? tn('unsyncedCount', unsynced) : t('allSynced')}</p>
      {!online && <p class="muted">{t('syncWaitsOffline')}</p>}
      <button type="button" onClick={() => void syncNow()} disabled={busy}>
        {busy ? t('syncing') : t('syncNow')}
      </button>
      {report &&
        (report.ok ? (
          <Notice kind={report.value.parked > 0 ? 'warning' : 'info'}>
            {t('syncReport', formatNumber(report.value.sent), formatNumber(report.value.accepted), formatNumber(report.value.parked))}
            {report.value.vendors
              .filter((vendor) => vendor.error)
              .map((vendor) => (
                <span class="block" key={vendor.vendorId}>{`${vendorName.get(vendor.vendorId) ?? vendor.vendorId}: ${vendor.error}`}</span>
              ))}
          </Notice>
        ) : (
          <Notice kind="error">{report.message}</Notice>
        ))}
    </div>
  );
}

function Parked({ items, vendorName, onChanged }: { items: (ReferralView | DealView)[]; vendorName: Map<string, string>; onChanged(): void }) {
  const env = useEnv();
  const [messages, setMessages] = useState<Record<string, string>>({});

  async function retry(id: string) {
    const answer = await env.send('outbox.retry', { id });
    const message = answer.ok ? (answer.value.requeued ? t('retryQueued') : t('retryNothing')) : answer.error.message;
    setMessages((m) => ({ ...m, [id]: message }));
    if (answer.ok) onChanged();
  }

  async function discard(id: string) {
    const answer = await env.send('outbox.discard', { id });
    const message = answer.ok ? (answer.value.discarded ? t('discarded') : t('discardNothing')) : answer.error.message;
    setMessages((m) => ({ ...m, [id]: message }));
    if (answer.ok) onChanged();
  }

  return (
    <section class="parked" aria-labelledby="parked-h">
      <h2 id="parked-h">{t('parkedTitle')}</h2>
      <p class="muted">{t('parkedExplained')}</p>
      <ul>
        {items.map((item) => {
          const what = isDeal(item) ? t('parkedDeal', item.customerName) : t('parkedReferral', item.productName ?? item.productId, item.offerName ?? item.offerId);
          return (
            <li key={item.id} class="parked-item">
              <div>
                <strong>{what}</strong> · {vendorName.get(item.vendorId) ?? item.vendorId}
              </div>
              <p class={item.sync === 'held' ? 'muted' : 'field-error'} data-sync={item.sync}>
                {item.error ?? t('parkedNoReason')}
              </p>
              <div class="row">
                {/* Retry only where it can succeed; the worker says which (canRetry). */}
                {item.canRetry && (
                  <button type="button" class="small" aria-label={t('retryLabel', what)} onClick={() => void retry(item.id)}>
                    {t('retry')}
                  </button>
                )}
                <button type="button" class="small" aria-label={t('discardLabel', what)} onClick={() => void discard(item.id)}>
                  {t('discard')}
                </button>
              </div>
              {messages[item.id] && <span role="status"> {messages[item.id]}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Totals({ activity }: { activity: ActivityView }) {
  if (activity.totals.length === 0) return null;
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h">{t('totalsTitle')}</h2>
      <table class="totals">
        <thead>
          <tr>
            <th scope="col">{t('vendor')}</th>
            <th scope="col">{t('referrals')}</th>
            <th scope="col">{t('clicks')}</th>
            <th scope="col">{t('conversions')}</th>
            <th scope="col">{t('commission')}</th>
          </tr>
        </thead>
        <tbody>
          {activity.totals.map((total) => (
            <tr key={total.vendorId}>
              <th scope="row">{total.vendorName}</th>
              <td>{formatNumber(total.referrals)}</td>
              <td>{formatNumber(total.clicks)}</td>
              <td>{formatNumber(total.conversions)}</td>
              <td title={t('commissionBreakdown', formatMoney(total.commission.pending, total.currency), formatMoney(total.commission.approved, total.currency), formatMoney(total.commission.paid, total.currency))}>
                {formatMoney(earned(total.commission), total.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* A chart of zeros says nothing: a line says so until the first click. */}
      {activity.totals.every((total) => total.clicks === 0 && total.conversions === 0) ? (
        <p class="muted">{t('chartNothingYet')}</p>
      ) : (
        <BarChart
          title={t('chartTitle')}
          series={[
            { name: t('clicks'), className: 'bar-clicks' },
            { name: t('conversions'), className: 'bar-conversions' },
          ]}
          rows={activity.totals.map((total) => ({ label: total.vendorName, values: [total.clicks, total.conversions] }))}
          format={formatNumber}
        />
      )}
    </section>
  );
}
