// Context-menu entries, each the practitioner's own click (principle 1):
//  - on a reply box: create a referral for the page's project and type it, with its disclosure,
//    into that box;
//  - on a link or page of a known project: create a referral for that project and open the popup
//    where it can be copied.
import { detectPage } from '../core/detect';
import type { PageMatch } from '../core/match';
import type { Channel } from '../core/referral/channels';
import { enrolledIds, matchDetection, pageOfTab } from './pages';
import { createReferral } from './referrals';
import type { Services } from './services';

const INSERT = 'advocate-insert-referral';
const CREATE = 'advocate-create-referral';

/** Where project links live; the menu entry shows only there, so it stays out of the way elsewhere. */
const PROJECT_SITES = [
  'https://github.com/*', 'https://gitlab.com/*', 'https://codeberg.org/*', 'https://bitbucket.org/*',
  'https://www.npmjs.com/*', 'https://pypi.org/*', 'https://crates.io/*', 'https://pkg.go.dev/*',
  'https://rubygems.org/*', 'https://packagist.org/*', 'https://www.nuget.org/*', 'https://hub.docker.com/*',
  'https://central.sonatype.com/*', 'https://mvnrepository.com/*',
];

export function installContextMenus(): void {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: INSERT, title: chrome.i18n.getMessage('menuInsertReferral') || 'Insert a referral link with disclosure', contexts: ['editable'] });
    chrome.contextMenus.create({
      id: CREATE,
      title: chrome.i18n.getMessage('menuCreateReferral') || 'Create a referral link for this project',
      contexts: ['link', 'page'],
      documentUrlPatterns: ['https://*/*'],
      targetUrlPatterns: PROJECT_SITES,
    });
  });
}

function channelFor(match: PageMatch, url: string): Channel {
  if (/\/(issues|pull|merge_requests)\//.test(url)) return 'issue-comment';
  return match.pageType === 'forum' ? 'forum-answer' : 'other';
}

/** The strongest product on the page that an enrolled vendor offers, and that vendor's first offer. */
async function firstEnrolledOffer(s: Services, match: PageMatch) {
  const enrolled = await enrolledIds(s);
  for (const product of match.products) {
    const offer = product.offers.find((o) => enrolled.has(o.vendorId));
    if (offer) return { productId: product.productId, vendorId: offer.vendorId, offerId: offer.offer.id };
  }
  return null;
}

/** Calls the same domain functions as the popup's commands: the menu is the practitioner's click, not a sender. */
export function handleContextMenuClicks(s: Services): void {
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    void (async () => {
      const url = info.menuItemId === CREATE ? (info.linkUrl ?? info.pageUrl) : info.pageUrl;
      if (!url || tab?.id === undefined) return;
      // The reply box's page is the one the content script reported for this tab, if it still shows it.
      const remembered = info.menuItemId === INSERT ? await pageOfTab(s, tab.id) : null;
      const match = remembered && remembered.url === info.pageUrl ? remembered.match : await matchDetection(s, detectPage(url));
      const choice = await firstEnrolledOffer(s, match);
      if (!choice) {
        await chrome.action.setBadgeText({ tabId: tab.id, text: '?' });
        return;
      }
      const created = await createReferral(s, { ...choice, channel: channelFor(match, info.pageUrl ?? url), ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}) });
      if (info.menuItemId === INSERT) {
        await chrome.tabs.sendMessage(tab.id, { advocate: 1, insert: created.share.markdown }, { frameId: info.frameId ?? 0 });
      } else {
        // The new referral is at the top of the popup's activity, ready to copy.
        await chrome.action.openPopup().catch(() => chrome.action.setBadgeText({ tabId: tab.id, text: 'new' }));
      }
    })().catch(() => {});
  });
}
