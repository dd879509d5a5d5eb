// What `npm start` (and `npm run endpoint`) prints once the endpoint listens: where it is, its
// secrets, the demo practitioner's enrolment code, and the numbered steps a newcomer takes next.
// Pure (main.ts passes the environment in), so a unit test reads exactly what a person reads.

export interface WelcomeInput {
  url: string;
  dataDir: string;
  adminToken: string;
  webhookSecret: string;
  extensionOrigins: readonly string[];
  /** The demo practitioner's one-time code, null once it was used. */
  demoEnrolmentCode: string | null;
  /** Whether `npm run browser` can open a window here (see scripts/browser.ts, displayAvailable). */
  display: boolean;
}

/** True when a browser window can be shown: a desktop OS, or an X11/Wayland display named in the environment. */
export function displayAvailable(env: Record<string, string | undefined>, platform: string): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function welcomeText(w: WelcomeInput): string {
  const lines = [
    `Advocate reference vendor endpoint listening on ${w.url}`,
    `  data:           ${w.dataDir}`,
    `  catalog:        ${w.url}/v1/catalog`,
    `  dashboard:      ${w.url}/dashboard/   (sign in with the admin token)`,
    `  CORS for:       ${w.extensionOrigins.join(', ') || 'no extension origin'}`,
    `  admin token:    ${w.adminToken}   (also in ${w.dataDir}/admin-token)`,
    `  webhook secret: ${w.webhookSecret}   (also in ${w.dataDir}/webhook-secret)`,
    w.demoEnrolmentCode ? `  demo practitioner enrolment code: ${w.demoEnrolmentCode}` : '  demo practitioner: already enrolled',
    '',
    'What to do next (this terminal keeps the endpoint running; Ctrl+C stops it):',
  ];
  let steps = 0;
  const step = (text: string) => lines.push(`  ${++steps}. ${text}`);
  if (w.display) {
    step('In another terminal, run `npm run browser -- --demo`: Chromium opens with Advocate loaded, and serves saved GitHub and Stack Overflow pages on this computer (no internet needed). Without `--demo` it browses the real web.');
  } else {
    lines.push('  (No display here: DISPLAY and WAYLAND_DISPLAY are not set, so `npm run browser` cannot open a window; `npm run browser -- --headless --demo` checks the extension here without one. To use it, load it in a browser on a machine with a screen.)');
    step('In Chrome or Chromium, open chrome://extensions, turn on Developer mode, "Load unpacked" and choose the dist/ folder (Firefox: about:debugging, "Load temporary add-on", dist-firefox/manifest.json).');
  }
  if (w.demoEnrolmentCode) {
    step(`On Advocate's options page, enrol with endpoint ${w.url} and code ${w.demoEnrolmentCode}: your certifications appear, verified.`);
  } else {
    step(`The demo practitioner's code was used. For a new practitioner and code: POST ${w.url}/v1/admin/practitioners with the admin token (src/endpoint/README.md), or start afresh with another DATA_DIR.`);
  }
  step('Open https://github.com/mysql/mysql-server: the toolbar icon gets a dot and a suggestion appears. Click the icon, then "Create link".');
  step('Open the link in a private window: the endpoint counts the click and redirects to the offer.');
  step(`Post a conversion as the vendor's billing would: \`npm run demo:convert -- <the link>\` (a Standard Webhooks call signed with the webhook secret; src/endpoint/README.md, "Billing webhooks"), then watch it in the popup's Activity tab and on ${w.url}/dashboard/.`);
  return lines.join('\n');
}
