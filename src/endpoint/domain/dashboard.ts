// The vendor dashboard's numbers: practitioners, funnels, commission owed, a daily series.
import type { Dashboard } from '../../core/protocol/admin';
import type { AchievementLevel } from '../../core/credential/schema';
import type { Deps } from '../context';
import { certificationRows } from './credentials';
import { csvRow } from './csv';
import { addRow, emptyCommission } from './totals';

const SERIES_DAYS = 30;

export async function buildDashboard(app: Deps): Promise<Dashboard> {
  const db = app.db;
  const now = app.now();
  const since = new Date(now.getTime() - (SERIES_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [practitioners, certs, referrals, clicks, conversions, commissions, clickDays, conversionDays, commissionDays, dealsPending] = await Promise.all([
    db.selectFrom('practitioners').select(['id', 'number', 'display_name', 'email', 'enrolled_at', 'left_at']).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('certifications').select(['id', 'practitioner_id', 'product_id', 'level', 'valid_until', 'revoked_at']).orderBy('id').execute(),
    db.selectFrom('referrals').select(['practitioner_id', 'product_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['practitioner_id', 'product_id']).execute(),
    db
      .selectFrom('clicks')
      .innerJoin('referrals', 'referrals.code', 'clicks.code')
      .select(['clicks.practitioner_id', 'referrals.product_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['clicks.practitioner_id', 'referrals.product_id'])
      .execute(),
    db.selectFrom('conversions').select(['practitioner_id', 'product_id', (eb) => eb.fn.countAll<number>().as('n')]).where('practitioner_id', 'is not', null).groupBy(['practitioner_id', 'product_id']).execute(),
    db.selectFrom('commissions').select(['kind', 'state', (eb) => eb.fn.sum<number>('amount').as('amount'), (eb) => eb.fn.sum<number>('gross').as('gross')]).groupBy(['kind', 'state']).execute(),
    db.selectFrom('clicks').select(['day', (eb) => eb.fn.countAll<number>().as('n')]).where('day', '>=', since).groupBy('day').execute(),
    db.selectFrom('conversions').select(['occurred_at']).where('attribution', '<>', 'none').where('occurred_at', '>=', since).execute(),
    db.selectFrom('commissions').select(['created_at', 'amount']).where('state', '<>', 'reversed').where('created_at', '>=', since).execute(),
    db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('expires_at', '>', now.toISOString()).executeTakeFirstOrThrow(),
  ]);

  const byProduct = new Map<string, { productId: string; productName: string; referrals: number; clicks: number; conversions: number }>();
  const byPractitioner = new Map<string, { practitionerId: string; displayName: string; referrals: number; clicks: number; conversions: number }>();
  for (const p of practitioners) byPractitioner.set(p.id, { practitionerId: p.id, displayName: p.display_name, referrals: 0, clicks: 0, conversions: 0 });
  for (const product of app.catalog.vendors[0]!.products) byProduct.set(product.id, { productId: product.id, productName: product.name, referrals: 0, clicks: 0, conversions: 0 });
  const add = (rows: { practitioner_id: string | null; product_id: string; n: number }[], field: 'referrals' | 'clicks' | 'conversions') => {
    for (const row of rows) {
      const product = byProduct.get(row.product_id);
      if (product) product[field] += Number(row.n);
      const practitioner = row.practitioner_id ? byPractitioner.get(row.practitioner_id) : undefined;
      if (practitioner) practitioner[field] += Number(row.n);
    }
  };
  add(referrals, 'referrals');
  add(clicks, 'clicks');
  add(conversions, 'conversions');

  const totals = emptyCommission();
  let outstanding = 0; // what is not paid yet, clawbacks netted
  for (const row of commissions) {
    addRow(totals, { kind: row.kind, state: row.state, amount: Number(row.amount), gross: Number(row.gross) });
    if (row.state === 'pending' || row.state === 'approved') outstanding += Number(row.amount);
  }
  const commission = { ...totals, owed: Math.max(0, outstanding) };

  const series = new Map<string, { day: string; clicks: number; conversions: number; commission: number }>();
  for (let i = SERIES_DAYS - 1; i >= 0; i--) {
    const day = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    series.set(day, { day, clicks: 0, conversions: 0, commission: 0 });
  }
  for (const row of clickDays) {
    const entry = series.get(row.day);
    if (entry) entry.clicks += Number(row.n);
  }
  for (const row of conversionDays) {
    const entry = series.get(row.occurred_at.slice(0, 10));
    if (entry) entry.conversions += 1;
  }
  for (const row of commissionDays) {
    const entry = series.get(row.created_at.slice(0, 10));
    if (entry) entry.commission += Number(row.amount);
  }

  const certsByPractitioner = new Map<string, Dashboard['practitioners'][number]['certifications']>();
  for (const c of certs) {
    const list = certsByPractitioner.get(c.practitioner_id) ?? [];
    list.push({ credentialId: c.id, productId: c.product_id, level: c.level as AchievementLevel, ...(c.valid_until ? { validUntil: c.valid_until } : {}), revoked: c.revoked_at !== null });
    certsByPractitioner.set(c.practitioner_id, list);
  }

  return {
    generatedAt: now.toISOString(),
    currency: app.currency,
    practitioners: practitioners.map((p) => ({
      id: p.id,
      number: Number(p.number),
      displayName: p.display_name,
      email: p.email,
      enrolled: p.enrolled_at !== null && p.left_at === null,
      certifications: certsByPractitioner.get(p.id) ?? [],
    })),
    funnelByProduct: [...byProduct.values()],
    funnelByPractitioner: [...byPractitioner.values()],
    commission,
    dealsPending: Number(dealsPending.n),
    certifications: await certificationRows(app),
    series: [...series.values()],
  };
}

export async function commissionsCsv(app: Deps): Promise<string> {
  const rows = await app.db
    .selectFrom('commissions')
    .innerJoin('conversions', 'conversions.id', 'commissions.conversion_id')
    .innerJoin('practitioners', 'practitioners.id', 'commissions.practitioner_id')
    .select([
      'commissions.id',
      'commissions.kind',
      'commissions.state',
      'commissions.gross',
      'commissions.amount',
      'commissions.currency',
      'commissions.self_referral',
      'commissions.statement_id',
      'commissions.note',
      'commissions.created_at',
      'conversions.order_id',
      'conversions.product_id',
      'conversions.attribution',
      'conversions.occurred_at',
      'practitioners.display_name',
      'practitioners.email',
    ])
    .orderBy('commissions.created_at')
    .orderBy('commissions.id')
    .execute();
  const header = ['commission_id', 'kind', 'state', 'amount_minor', 'gross_minor', 'currency', 'self_referral', 'statement_id', 'reason', 'created_at', 'order_id', 'product_id', 'attribution', 'order_at', 'practitioner', 'email'];
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push(csvRow([r.id, r.kind, r.state, Number(r.amount), Number(r.gross), r.currency, r.self_referral ? 'yes' : 'no', r.statement_id ?? '', r.note, r.created_at, r.order_id, r.product_id, r.attribution, r.occurred_at, r.display_name, r.email]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
