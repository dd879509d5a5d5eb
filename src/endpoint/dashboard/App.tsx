// The vendor dashboard: practitioners and certifications, funnels, commission owed, activity.
import { useEffect, useState } from 'preact/hooks';
import type { CommissionView, Dashboard, DealView } from '../../core/protocol/admin';
import type { StatementEntry } from '../../core/protocol/payouts';
import { Unauthorized, approveCommission, closePeriod, downloadCsv, forgetToken, loadCommissions, loadDashboard, loadDeals, loadStatements, markStatementPaid, revokeCredential, reviewDeal, storeToken, storedToken } from './api';
import { Certifications } from './Certifications';
import { ActivityChart } from './Chart';
import { Commissions, Deals, Statements } from './Review';

interface Loaded {
  dashboard: Dashboard;
  deals: DealView[];
  commissions: CommissionView[];
  statements: StatementEntry[];
}

const loadAll = async (token: string): Promise<Loaded> => {
  const [dashboard, deals, commissions, statements] = await Promise.all([loadDashboard(token), loadDeals(token), loadCommissions(token), loadStatements(token)]);
  return { dashboard, deals, commissions, statements };
};

function TokenForm({ onToken, error }: { onToken: (t: string) => void; error: string | null }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onToken(value.trim());
      }}
    >
      <h1>Vendor dashboard</h1>
      <p>Enter the admin token (printed at start and stored in DATA_DIR/admin-token). It is kept only for this tab.</p>
      <label for="token">Admin token</label>
      <input id="token" type="password" autocomplete="off" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} required />
      <button type="submit">Open dashboard</button>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}

function Funnel({ rows, label }: { rows: { key: string; name: string; referrals: number; clicks: number; conversions: number }[]; label: string }) {
  return (
    <table>
      <caption>{label}</caption>
      <thead>
        <tr><th scope="col">{label.includes('product') ? 'Product' : 'Practitioner'}</th><th scope="col">Referrals</th><th scope="col">Clicks</th><th scope="col">Conversions</th><th scope="col">Conversion rate</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            <td>{r.referrals}</td>
            <td>{r.clicks}</td>
            <td>{r.conversions}</td>
            <td>{r.clicks > 0 ? `${((r.conversions / r.clicks) * 100).toFixed(1)} %` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function App() {
  const [token, setToken] = useState<string | null>(storedToken());
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = (t: string) =>
    loadAll(t)
      .then((d) => {
        setLoaded(d);
        setError(null);
      })
      .catch((e: Error) => {
        if (e instanceof Unauthorized) {
          forgetToken();
          setToken(null);
        }
        setError(e.message);
      });

  useEffect(() => {
    if (token) void refresh(token);
  }, [token]);

  /** Runs a decision, says what happened (or why nothing did), and reloads every figure. */
  const act = (run: () => Promise<unknown>, done: string) => {
    if (!token) return;
    run()
      .then((answer) => {
        const skipped = (answer as { skipped?: { reason: string }[] } | null)?.skipped ?? [];
        setNotice(skipped.length > 0 ? `Not changed: ${skipped.map((s) => s.reason).join('; ')}.` : done);
        return refresh(token);
      })
      .catch((e: Error) => setError(e.message));
  };

  if (!token) {
    return (
      <main>
        <TokenForm
          error={error}
          onToken={(t) => {
            storeToken(t);
            setToken(t);
          }}
        />
      </main>
    );
  }
  if (!loaded) return <main><p role="status">{error ?? 'Loading…'}</p></main>;
  const data = loaded.dashboard;
  // Product names where the tables would otherwise show ids.
  const productNames = new Map(data.funnelByProduct.map((r) => [r.productId, r.productName ?? r.productId]));
  const names = new Map(data.practitioners.map((p) => [p.id, p.displayName]));

  const money = new Intl.NumberFormat('en', { style: 'currency', currency: data.currency });
  const fmt = (minor: number) => money.format(minor / 100);
  return (
    <main>
      <header class="top">
        <h1>Vendor dashboard</h1>
        <div>
          <button type="button" onClick={() => downloadCsv(token).catch((e: Error) => setError(e.message))}>Export commissions (CSV)</button>{' '}
          <button type="button" class="quiet" onClick={() => { forgetToken(); setToken(null); setLoaded(null); }}>Sign out</button>
        </div>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status">{notice ?? ''}</p>

      <section aria-labelledby="commission">
        <h2 id="commission">Commission</h2>
        <dl class="figures">
          <div><dt>Owed</dt><dd>{fmt(data.commission.owed)}</dd></div>
          <div><dt>Pending</dt><dd>{fmt(data.commission.pending)}</dd></div>
          <div><dt>Approved</dt><dd>{fmt(data.commission.approved)}</dd></div>
          <div><dt>Paid</dt><dd>{fmt(data.commission.paid)}</dd></div>
          <div><dt>Reversed</dt><dd>{fmt(data.commission.reversed)}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="deals">
        <h2 id="deals">Deals to review ({data.dealsPending} pending)</h2>
        <p class="small">A deal wins orders for its customer only once approved, and never an order whose link was clicked before the approval.</p>
        <Deals deals={loaded.deals} products={productNames} onReview={(id, decision) => act(() => reviewDeal(token, id, decision), decision === 'approve' ? 'Deal approved.' : 'Deal declined.')} />
      </section>

      <section aria-labelledby="certifications">
        <h2 id="certifications">Certifications</h2>
        <Certifications rows={data.certifications} onRevoke={(id) => act(() => revokeCredential(token, id), 'Certification revoked: the status list says so now.')} />
      </section>

      <section aria-labelledby="commissions">
        <h2 id="commissions">Commissions and why</h2>
        <Commissions rows={loaded.commissions} fmt={fmt} names={names} onApprove={(id) => act(() => approveCommission(token, id), 'Commission approved.')} />
      </section>

      <section aria-labelledby="payouts">
        <h2 id="payouts">Payouts</h2>
        <Statements
          entries={loaded.statements}
          fmt={fmt}
          onClose={() => act(() => closePeriod(token), 'Period closed: every practitioner with approved commission has a statement.')}
          onPaid={(id) => act(() => markStatementPaid(token, id), 'Statement marked paid.')}
        />
      </section>

      <section aria-labelledby="activity">
        <h2 id="activity">Activity, last {data.series.length} days</h2>
        <ActivityChart series={data.series} />
      </section>

      <section aria-labelledby="funnels">
        <h2 id="funnels">Referrals → clicks → conversions</h2>
        <Funnel label="By product" rows={data.funnelByProduct.map((r) => ({ key: r.productId, name: r.productName ?? r.productId, ...r }))} />
        <Funnel label="By practitioner" rows={data.funnelByPractitioner.map((r) => ({ key: r.practitionerId, name: r.displayName, ...r }))} />
      </section>

      <section aria-labelledby="practitioners">
        <h2 id="practitioners">Practitioners</h2>
        <table>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Enrolled</th><th scope="col">Certifications</th></tr>
          </thead>
          <tbody>
            {data.practitioners.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.displayName}</th>
                <td>{p.email}</td>
                <td>{p.enrolled ? 'yes' : 'no'}</td>
                <td>
                  {p.certifications.length === 0
                    ? '–'
                    : p.certifications.map((c) => `${productNames.get(c.productId) ?? c.productId} ${c.level}${c.revoked ? ' (revoked)' : ''}`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="small">Generated {new Date(data.generatedAt).toLocaleString()}</p>
    </main>
  );
}
