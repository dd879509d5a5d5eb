// What `npm start` prints once the endpoint listens: the secrets, the code, and numbered next
// steps that fit the machine (a display or not).
import { describe, expect, test } from 'vitest';
import { displayAvailable, welcomeText } from '../../../src/endpoint/welcome';

const BASE = {
  url: 'http://127.0.0.1:8787',
  dataDir: './data',
  adminToken: 'a'.repeat(43),
  webhookSecret: 'whsec_c2VjcmV0',
  extensionOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
  demoEnrolmentCode: 'DEMO-CODE-1234',
};

const numbered = (text: string) => text.split('\n').filter((l) => /^ {2}\d+\. /.test(l));

describe('welcomeText', () => {
  test('names the endpoint, its secrets and the code, then numbered steps that use them', () => {
    const text = welcomeText({ ...BASE, display: true });
    expect(text).toContain('listening on http://127.0.0.1:8787');
    expect(text).toContain(`admin token:    ${BASE.adminToken}   (also in ./data/admin-token)`);
    expect(text).toContain('webhook secret: whsec_c2VjcmV0');
    expect(text).toContain('demo practitioner enrolment code: DEMO-CODE-1234');
    const steps = numbered(text);
    expect(steps.map((l) => l.trim().split('.')[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(steps[0]).toContain('npm run browser -- --demo');
    expect(steps[1]).toContain('enrol with endpoint http://127.0.0.1:8787 and code DEMO-CODE-1234');
    expect(steps[4]).toContain('http://127.0.0.1:8787/dashboard/');
  });

  test('without a display it says so and sends the newcomer to Load unpacked instead of npm run browser', () => {
    const text = welcomeText({ ...BASE, display: false });
    expect(text).toContain('No display here: DISPLAY and WAYLAND_DISPLAY are not set');
    const steps = numbered(text);
    expect(steps[0]).toContain('Load unpacked');
    expect(steps[0]).not.toContain('npm run browser');
    expect(steps[1]).toContain('code DEMO-CODE-1234');
  });

  test('once the demo code was used it says how to get a new one', () => {
    const text = welcomeText({ ...BASE, demoEnrolmentCode: null, display: true });
    expect(text).toContain('demo practitioner: already enrolled');
    expect(text).not.toContain('enrolment code:');
    expect(numbered(text)[1]).toContain('POST http://127.0.0.1:8787/v1/admin/practitioners');
  });
});

describe('displayAvailable', () => {
  test.each([
    [{}, 'linux', false],
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{ DISPLAY: '' }, 'linux', false],
    [{}, 'darwin', true],
    [{}, 'win32', true],
  ] as const)('%o on %s: %s', (env, platform, expected) => {
    expect(displayAvailable(env, platform)).toBe(expected);
  });
});
