// `npm run browser` chooses a window, headless Chromium, or a clear message, from its arguments
// and whether the machine has a display.
import { describe, expect, test } from 'vitest';
import { browserPlan } from '../../../scripts/browser';

describe('browserPlan', () => {
  test.each([
    [[], { DISPLAY: ':0' }, 'linux', { kind: 'window', demo: false }],
    [['--demo'], { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', { kind: 'window', demo: true }],
    [['--demo'], {}, 'darwin', { kind: 'window', demo: true }],
    [['--headless'], { DISPLAY: ':0' }, 'linux', { kind: 'headless', demo: false }],
    [['--headless', '--demo'], {}, 'linux', { kind: 'headless', demo: true }],
  ] as const)('%o with %o on %s', (args, env, platform, expected) => {
    expect(browserPlan(args, env, platform)).toEqual(expected);
  });

  test('without a display it says why and offers the headless check instead of opening nothing', () => {
    const plan = browserPlan(['--demo'], { DISPLAY: '' }, 'linux');
    expect(plan.kind).toBe('no-display');
    const message = (plan as { message: string }).message;
    expect(message).toContain('neither DISPLAY nor WAYLAND_DISPLAY is set');
    expect(message).toContain('npm run browser -- --headless --demo');
    expect(message).toContain('Load unpacked');
  });

  test('an unknown option is named with the usage', () => {
    expect(browserPlan(['--dmeo'], { DISPLAY: ':0' }, 'linux')).toEqual({ kind: 'usage', message: 'Unknown option --dmeo. Usage: npm run browser [-- --demo] [-- --headless]' });
  });
});
