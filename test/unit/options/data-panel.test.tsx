// @vitest-environment happy-dom
// The options page's "Your data": what is sent to whom, and deletion only after the confirm step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VendorView } from '../../../src/core/messages';
import { Options } from '../../../src/options/Options';
import { credential, SETTINGS, vendor } from '../ui/fixtures';
import { button, click, en, fail, fakeEnv, installI18n, mount, settle, type Handlers, type Mounted } from '../ui/harness';

let view: Mounted;
beforeEach(installI18n);
afterEach(() => view?.unmount());

function handlers(vendors: VendorView[], overrides: Handlers = {}): Handlers {
  return { 'vendors.list': () => ({ vendors, problems: [] }), 'settings.get': () => SETTINGS, 'sites.list': () => [], ...overrides };
}

async function open(h: Handlers) {
  const env = fakeEnv(h);
  view = await mount(env, <Options />);
  await settle();
  return env;
}

const dataSection = () => view.container.querySelector('section[aria-labelledby="data-h"]')!;

describe('what is sent to whom', () => {
  it('names each enrolled vendor and its endpoint host, and says browsing history is never sent', async () => {
    await open(handlers([vendor('acme', 'Acme', [credential('valid')]), vendor('globex', 'Globex')]));
    const text = dataSection().textContent!;
    expect(text).toContain(en('dataSentVendor', 'Acme', 'advocate.acme.example'));
    expect(text).toContain(en('dataSentVendor', 'Globex', 'advocate.globex.example'));
    expect(text).toContain(en('dataSentNever'));
    expect(text).not.toContain(en('dataSentNone'));
  });

  it('says nothing is sent before any enrolment', async () => {
    await open(handlers([]));
    expect(dataSection().textContent).toContain(en('dataSentNone'));
  });
});

describe('delete all local data', () => {
  it('deletes only after the confirm step, then says what went and reloads the page’s data', async () => {
    const env = await open(handlers([vendor('acme', 'Acme')], { 'data.deleteAll': () => ({ vendors: 1, referrals: 3, deals: 1, sites: 0 }) }));
    await click(button(dataSection(), en('deleteAllAction')));
    expect(env.callsTo('data.deleteAll')).toEqual([]);
    expect(dataSection().textContent).toContain(en('deleteAllWarning'));
    await click(button(dataSection(), en('cancel')));
    expect(env.callsTo('data.deleteAll')).toEqual([]);
    await click(button(dataSection(), en('deleteAllAction')));
    const lists = env.callsTo('vendors.list').length;
    await click(button(dataSection(), en('deleteAllYes')));
    await settle();
    expect(env.callsTo('data.deleteAll')).toEqual([{ confirm: 'delete-all' }]);
    expect(dataSection().textContent).toContain(en('deleteAllDone', 1, 3, 1, 0));
    expect(env.callsTo('vendors.list').length).toBeGreaterThan(lists);
  });

  it('says nothing was deleted when the worker refuses', async () => {
    await open(handlers([], { 'data.deleteAll': () => fail('The database is closed.', 'storage-closed') }));
    await click(button(dataSection(), en('deleteAllAction')));
    await click(button(dataSection(), en('deleteAllYes')));
    await settle();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(en('deleteAllFailed', 'The database is closed.'));
  });
});
