// The content script imports src/core/messages for its command client; it must not drag the
// payload schemas (valibot) into the ≤ 10 KB content script.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

describe('messages entry for the content script', () => {
  it('bundles without valibot and stays tiny', async () => {
    const entry = fileURLToPath(new URL('./fixtures/content-client-entry.ts', import.meta.url));
    const bundle = await rolldown({ input: entry, logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    const code = output.map((o) => ('code' in o ? o.code : '')).join('\n');
    expect(code).toContain('advocate'); // the envelope tag: the client really is in there
    expect(code).not.toMatch(/safeParse|strictObject|picklist/);
    expect(gzipSync(code).length).toBeLessThan(1_500);
  });
});
