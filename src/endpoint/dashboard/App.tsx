// The vendor dashboard: practitioners and certifications, funnels, commission owed, activity.
import { useEffect, useState } from 'preact/hooks';
import type { Dashboard } from '../../core/protocol/admin';
import { Unauthorized, downloadCsv, forgetToken, loadDashboard, storeToken, storedToken } from './api';
import { ActivityChart } from './Chart';

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
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    loadDashboard(token)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => {
        if (e instanceof Unauthorized) {
          forgetToken();
          setToken(null);
        }
        setError(e.message);
      });
  }, [token]);

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
  if (!data) return <main><p role="status">{error ?? 'Loading…'}</p></main>;

  const money = new Intl.NumberFormat('en', { style: 'currency', currency: data.currency });
  const fmt = (minor: number) => money.format(minor / 100);
  return (
    <main>
      <header class="top">
        <h1>Vendor dashboard</h1>
        <div>
          <button type="button" onClick={() => downloadCsv(token).catch((e: Error) => setError(e.message))}>Export commissions (CSV)</button>{' '}
          <button type="button" class="quiet" onClick={() => { forgetToken(); setToken(null); setData(null); }}>Sign out</button>
        </div>
      </header>
      {error && <p role="alert" class="error">{error}</p>}

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

      <section aria-labelledby="activity">
        <h2 id="activity">Activity, last {data.series.length} days</h2>
        <ActivityChart series={data.series} />
      </section>

      <section aria-labelledby="funnels">
        <h2 id="funnels">Referrals → clicks → conversions</h2>
        <Funnel label="By product" rows={data.funnelByProduct.map((r) => ({ key: r.productId, name: r.productId, ...r }))} />
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
                    : p.certifications.map((c) => `${c.productId} ${c.level}${c.revoked ? ' (revoked)' : ''}`).join(', ')}
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
