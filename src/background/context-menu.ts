// Context-menu entries, each the practitioner's own click (principle 1):
//  - on a reply box: the content script shows the same preview as the reply-box button (the link
//    and its disclosure exactly as they would be inserted, and the community's rule), and inserts
//    it only on a second click;
//  - on a link or page of a known project: create a referral for that project and open the popup
//    where it can be copied.
import { detectPage } from '../core/detect';
import { defaultChannel } from '../core/referral/channels';
import { matchDetection, pageOfTab } from './pages';
import { createReferral } from './referrals';
import type { Services } from './services';
import { offerFor } from './suggestions';

export const INSERT = 'advocate-insert-referral';
const CREATE = 'advocate-create-referral';

/** Where project links live; the menu entry shows only there, so it stays out of the way elsewhere. */
const PROJECT_SITES = [
  'https://github.com/*', 'https://gitlab.com/*', 'https://codeberg.org/*', 'https://bitbucket.org/*',
  'https://www.npmjs.com/*', 'https://pypi.org/*', 'https://crates.io/*', 'https://pkg.go.dev/*',
  'https://rubygems.org/*', 'https://packagist.org/*', 'https://www.nuget.org/*', 'https://hub.docker.com/*',
  'https://central.sonatype.com/*', 'https://mvnrepository.com/*',
];

/** The reply entry shows where the content script runs: its declared sites and the granted ones. */
export function installContextMenus(replySites: readonly string[]): void {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: INSERT, title: chrome.i18n.getMessage('menuInsertReferral') || 'Insert a referral link', contexts: ['editable'], documentUrlPatterns: [...replySites] });
    chrome.contextMenus.create({
      id: CREATE,
      title: chrome.i18n.getMessage('menuCreateReferral') || 'Create a referral link for this project',
      contexts: ['link', 'page'],
      documentUrlPatterns: ['https://*/*'],
      targetUrlPatterns: PROJECT_SITES,
    });
  });
}

/** The granted sites changed: the reply entry follows them. */
export function updateReplyMenu(replySites: readonly string[]): void {
  chrome.contextMenus.update(INSERT, { documentUrlPatterns: [...replySites] }, () => void chrome.runtime.lastError);
}

/** Calls the same domain functions as the popup's commands: the menu is the practitioner's click, not a sender. */
export function handleContextMenuClicks(s: Services): void {
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    void (async () => {
      const url = info.menuItemId === CREATE ? (info.linkUrl ?? info.pageUrl) : info.pageUrl;
      if (!url || tab?.id === undefined) return;
      const nothing = () => chrome.action.setBadgeText({ tabId: tab.id!, text: '?' });
      if (info.menuItemId === INSERT) {
        // The reply box's page is the one the content script reported for this tab, if it still shows it.
        const page = await pageOfTab(s, tab.id);
        if (!page || page.url !== info.pageUrl || !(await offerFor(s, page.match, page.url))) return nothing();
        if (!(await s.tabAccess.openReplyPreview(tab.id, info.frameId ?? 0))) await nothing();
        return;
      }
      const match = await matchDetection(s, detectPage(url));
      const choice = await offerFor(s, match, url);
      if (!choice) return nothing();
      await createReferral(s, { vendorId: choice.vendorId, productId: choice.productId, offerId: choice.offerId, channel: defaultChannel(match.pageType, info.pageUrl ?? url), ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}) });
      // The new referral is at the top of the popup's activity, ready to copy.
      await chrome.action.openPopup().catch(() => chrome.action.setBadgeText({ tabId: tab.id!, text: 'new' }));
    })().catch(() => {});
  });
}
