// The dashboard's calls to /v1/admin/*, with the admin token the user typed (kept in
// sessionStorage only, so it is gone when the tab closes).
import type { Dashboard } from '../../core/protocol/admin';

const KEY = 'advocate-admin-token';

export const storedToken = () => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

export class Unauthorized extends Error {}

async function get(path: string, token: string): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) throw new Unauthorized('The admin token was not accepted.');
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The endpoint answered ${res.status}.`);
  }
  return res;
}

export const loadDashboard = async (token: string) => (await (await get('/v1/admin/dashboard', token)).json()) as Dashboard;

export async function downloadCsv(token: string): Promise<void> {
  const blob = await (await get('/v1/admin/commissions.csv', token)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'commissions.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
