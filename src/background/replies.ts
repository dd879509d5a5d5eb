// A referral for a reply box, in two clicks: prepare (a referral made and rendered in the
// site's format, kept for the tab, shown to the practitioner with the community's rule) and
// insert (stored durably, its text given to the content script to type at the caret). The
// context menu's "Insert a referral link" has the content script start the same preview
// (TabAccess.openReplyPreview).
import type { ReplyDraftView } from '../core/messages/views';
import { COMMUNITY_RULES, replySiteOf, ruleSource } from '../core/referral/community-rules';
import { defaultChannel } from '../core/referral/channels';
import { newId } from '../core/schema';
import { t } from '../ui/i18n';
import { CommandFailure } from './errors';
import { matchDetection } from './pages';
import { commitReferral, draftReferral } from './referrals';
import type { Services } from './services';
import { offerFor } from './suggestions';

export async function prepareReply(s: Services, tabId: number, url: string, rich: boolean): Promise<ReplyDraftView> {
  const page = await s.tabs.recall(tabId);
  if (!page || page.url !== url) throw new CommandFailure('no-page', t('replyNoPage'));
  const match = await matchDetection(s, page.detection);
  // The practitioner asked: enrolment and the vendor's own pages count, not their mutes or pause.
  const choice = await offerFor(s, match, url);
  if (!choice) throw new CommandFailure('nothing-to-recommend', t('replyNothingToRecommend'));
  const site = replySiteOf(match.site);
  const rule = site ? COMMUNITY_RULES[site] : null;
  const referral = await draftReferral(s, { vendorId: choice.vendorId, productId: choice.productId, offerId: choice.offerId, channel: defaultChannel(match.pageType, url), pageUrl: url });
  const text = !rich && rule?.markdown ? referral.share.markdown : referral.share.text;
  const draftId = newId();
  await s.tabs.keepDraft(tabId, { draftId, url, text, referral });
  return {
    draftId,
    text,
    // The rule's words are a message (rule_<site>), so the preview speaks the practitioner's language.
    rule: rule
      ? { name: rule.name ?? new URL(url).host, rule: t(`rule_${rule.site}`), linkOnly: rule.linkOnly, minOwnText: rule.minOwnText, source: ruleSource(rule, url) }
      : { name: new URL(url).host, rule: t('rule_other'), linkOnly: 'allow', minOwnText: 0, source: url },
  };
}

export async function insertReply(s: Services, tabId: number, url: string, draftId: string): Promise<{ text: string }> {
  const draft = await s.tabs.takeDraft(tabId, draftId);
  if (!draft || draft.url !== url) throw new CommandFailure('no-draft', t('replyNoDraft'));
  await commitReferral(s, draft.referral);
  return { text: draft.text };
}
