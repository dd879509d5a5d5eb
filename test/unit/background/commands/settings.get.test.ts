import { describe, expect, it } from 'vitest';
import { makeWorker, OPTIONS, value } from '../world';

describe('settings.get', () => {
  it('answers the defaults before anything was saved: the default disclosure, host only', async () => {
    const { send } = makeWorker();
    for (const sender of [undefined, OPTIONS]) {
      expect(value(await send('settings.get', {}, sender))).toMatchObject({ sharePageUrl: 'host', suggestionsEnabled: true, mutedHosts: [], disclosure: expect.stringMatching(/paid/) });
    }
  });
});
