import { describe, expect, it } from 'vitest';
import { contentScript, DETECTION, enrolledWorker, makeWorker, OPTIONS, REPO_URL, value } from '../world';

type Match = { products: { productId: string; offers: { vendorId: string }[] }[] };

describe('page.detected', () => {
  it('matches locally, remembers the page for its tab, and tells the page only about enrolled vendors', async () => {
    const world = await enrolledWorker();
    const forContent = value<Match>(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL, 9)));
    expect(forContent.products.map((p) => p.productId)).toEqual(['mysql']);
    expect(forContent.products[0]!.offers.every((o) => o.vendorId === 'acme')).toBe(true);
    expect(JSON.stringify(forContent)).not.toContain(world.vendor.token);
    expect(world.session.data.get('tab:9')).toEqual({ url: REPO_URL, detection: DETECTION });
  });

  it('a page may only report its own address', async () => {
    const { send, session } = makeWorker();
    const result = await send('page.detected', { url: 'https://other.example/', detection: DETECTION }, contentScript(REPO_URL));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(session.data.size).toBe(0);
  });

  it('without enrolment the page hears of no offer (the popup still sees starter matches)', async () => {
    const world = makeWorker();
    const content = value<Match>(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL)));
    expect(content.products).toEqual([]);
    const popup = value<{ match: Match } | null>(await world.send('page.forTab', { tabId: 7 }));
    expect(popup?.match.products.map((p) => p.productId)).toContain('mysql');
  });

  it('gives the page nothing when its site is muted', async () => {
    const world = await enrolledWorker();
    value(await world.send('settings.set', { mutedHosts: ['GitHub.com'] }, OPTIONS));
    const muted = value<Match>(await world.send('page.detected', { url: REPO_URL, detection: DETECTION }, contentScript(REPO_URL)));
    expect(muted.products).toEqual([]);
  });
});
