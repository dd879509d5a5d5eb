import { describe, expect, it } from 'vitest';
import { callVendor } from '../../../src/background/vendor-http';
import { withEnglishMessages } from '../../messages';

withEnglishMessages(); // the worker writes its sync reasons in the browser's language

const base = { url: 'https://vendor.test/v1/stats', nowMs: 0, timeoutMs: 30 };

describe('callVendor', () => {
  it('times out even when a fetch ignores its abort signal', async () => {
    const answer = await callVendor({ ...base, fetch: () => new Promise<Response>(() => {}) });
    expect(answer).toMatchObject({ ok: false, outcome: { kind: 'retry', reason: expect.stringMatching(/in time/) } });
  });

  it('times out on a body that never finishes (slow body), even if the stream ignores the abort', async () => {
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"res')) });
    const answer = await callVendor({ ...base, fetch: async () => new Response(body, { status: 200 }) });
    expect(answer).toMatchObject({ ok: false, outcome: { kind: 'retry', reason: expect.stringMatching(/in time/) } });
  });

  it('sends the bearer token and JSON, never cookies, never following redirects', async () => {
    let seen: RequestInit | undefined;
    const answer = await callVendor({
      ...base,
      method: 'POST',
      token: 'tok',
      body: { a: 1 },
      fetch: async (_url, init) => ((seen = init), Response.json({ ok: true })),
    });
    expect(answer).toMatchObject({ ok: true, status: 200, json: { ok: true } });
    expect(seen).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error', body: '{"a":1}', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' } });
  });

  it('turns non-JSON 200s and problem bodies into clear outcomes', async () => {
    expect(await callVendor({ ...base, fetch: async () => new Response('<html>', { status: 200 }) })).toMatchObject({ ok: false, outcome: { reason: expect.stringMatching(/not JSON/) } });
    const problem = await callVendor({ ...base, fetch: async () => Response.json({ title: 'Too many requests', detail: 'wait' }, { status: 429, headers: { 'retry-after': '7' } }) });
    expect(problem).toMatchObject({ ok: false, status: 429, outcome: { kind: 'retry', retryAfterMs: 7000, reason: expect.stringMatching(/Too many requests — wait/) } });
  });
});
