// What each forum Advocate can reply on asks of self-promotion, with the public page that says
// so: shown beside the reply preview, and used to refuse a link-only answer where the rule asks
// an answer to stand on its own. Written from those pages on `checked` without comparing them
// again here (`unverified`, as the starter catalog marks such claims); `{host}` and `{subreddit}`
// in a source are the page's own.

export const REPLY_SITES = ['github', 'stackexchange', 'discourse', 'reddit'] as const;
export type ReplySite = (typeof REPLY_SITES)[number];

export interface CommunityRule {
  site: ReplySite;
  /** The community, as a reader names it. */
  name: string;
  /** The rule in one or two sentences, for the preview. */
  rule: string;
  /** The public page the rule is taken from. */
  source: string;
  /** Used instead of `source` when the page names a subreddit. */
  sourceForSubreddit?: string;
  checked: string;
  unverified?: true;
  /** `refuse`: a reply that is only the link (and its disclosure) is not inserted. */
  linkOnly: 'refuse' | 'allow';
  /** How much of the practitioner's own text (without links) a reply needs first, when link-only is refused. */
  minOwnText: number;
  /** Whether the site renders Markdown in its plain reply boxes. */
  markdown: boolean;
}

export const COMMUNITY_RULES: Readonly<Record<ReplySite, CommunityRule>> = {
  github: {
    site: 'github',
    name: 'GitHub',
    rule: 'GitHub’s Acceptable Use Policies do not allow spam or excessive promotion: answer the issue itself, and add the link only where it helps.',
    source: 'https://docs.github.com/en/site-policy/acceptable-use-policies/github-acceptable-use-policies',
    checked: '2026-12-01',
    unverified: true,
    linkOnly: 'allow',
    minOwnText: 0,
    markdown: true,
  },
  stackexchange: {
    site: 'stackexchange',
    name: 'Stack Exchange',
    rule: 'Disclose your affiliation in the answer itself, and make the answer stand on its own without the link: answers that are little more than a link may be deleted.',
    source: 'https://{host}/help/promotion',
    checked: '2026-12-01',
    unverified: true,
    linkOnly: 'refuse',
    minOwnText: 120,
    markdown: true,
  },
  discourse: {
    site: 'discourse',
    name: 'this forum',
    rule: 'This forum’s own guidelines apply, and most Discourse forums ask members not to post unsolicited advertising: read them before you post a link.',
    source: 'https://{host}/guidelines',
    checked: '2026-12-01',
    unverified: true,
    linkOnly: 'allow',
    minOwnText: 0,
    markdown: true,
  },
  reddit: {
    site: 'reddit',
    name: 'Reddit',
    rule: 'Reddit’s rules forbid spam, and many subreddits forbid affiliate and referral links outright: check this subreddit’s rules, and make your comment worth reading without the link.',
    source: 'https://redditinc.com/policies/reddit-rules',
    sourceForSubreddit: 'https://www.reddit.com/r/{subreddit}/about/rules',
    checked: '2026-12-01',
    unverified: true,
    linkOnly: 'refuse',
    minOwnText: 60,
    markdown: true,
  },
};

/** The detector's site names (Detection.site) of the sites with a reply box Advocate knows. */
export function replySiteOf(detectedSite: string): ReplySite | null {
  return (REPLY_SITES as readonly string[]).includes(detectedSite) ? (detectedSite as ReplySite) : null;
}

const SUBREDDIT = /^\/r\/([A-Za-z0-9_]{2,21})(?:\/|$)/;

/** The rule's public page for the page at `url`. */
export function ruleSource(rule: CommunityRule, url: string): string {
  const { host, pathname } = new URL(url);
  const subreddit = SUBREDDIT.exec(pathname)?.[1];
  const template = subreddit && rule.sourceForSubreddit ? rule.sourceForSubreddit : rule.source;
  return template.replace('{host}', host).replace('{subreddit}', subreddit ?? '');
}

const URLS = /\b(?:https?:\/\/|www\.)\S+/gi;

/** The practitioner's own words in a reply: what is left without links and spacing. */
export const ownTextLength = (reply: string) => reply.replace(URLS, '').replace(/\s+/g, '').length;
