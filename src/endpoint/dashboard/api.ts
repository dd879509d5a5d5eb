// The dashboard's calls to /v1/admin/*, with the admin token the user typed (kept in
// sessionStorage only, so it is gone when the tab closes).
import type { CommissionView, Dashboard, DealView } from '../../core/protocol/admin';
import type { StatementEntry } from '../../core/protocol/payouts';

const KEY = 'advocate-admin-token';

export const storedToken = () => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

export class Unauthorized extends Error {}

async function get(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (res.status === 401) throw new Unauthorized('The admin token was not accepted.');
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The endpoint answered ${res.status}.`);
  }
  return res;
}

export const loadDashboard = async (token: string) => (await (await get('/v1/admin/dashboard', token)).json()) as Dashboard;
export const loadDeals = async (token: string) => ((await (await get('/v1/admin/deals', token)).json()) as { deals: DealView[] }).deals;
export const loadCommissions = async (token: string) => ((await (await get('/v1/admin/commissions', token)).json()) as { commissions: CommissionView[] }).commissions;
export const loadStatements = async (token: string) => ((await (await get('/v1/admin/statements', token)).json()) as { statements: StatementEntry[] }).statements;

export type Skipped = { updated: number; skipped: { id: string; reason: string }[] };
export const reviewDeal = async (token: string, id: string, decision: 'approve' | 'decline') => (await (await get(`/v1/admin/deals/${decision}`, token, { method: 'POST', body: { ids: [id] } })).json()) as Skipped;
export const approveCommission = async (token: string, id: string) => (await (await get('/v1/admin/commissions/approve', token, { method: 'POST', body: { ids: [id] } })).json()) as Skipped;
export const closePeriod = async (token: string) => (await (await get('/v1/admin/payouts', token, { method: 'POST', body: {} })).json()) as { statements: StatementEntry[] };
export const revokeCredential = async (token: string, id: string) => get(`/v1/admin/credentials/${encodeURIComponent(id)}/revoke`, token, { method: 'POST' });
export const markStatementPaid = async (token: string, id: string) => (await get(`/v1/admin/statements/${id}/paid`, token, { method: 'POST' })).json();

export async function downloadCsv(token: string): Promise<void> {
  const blob = await (await get('/v1/admin/commissions.csv', token)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'commissions.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
