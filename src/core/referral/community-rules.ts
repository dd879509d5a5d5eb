// What each forum Advocate can reply on asks of self-promotion, with the public page that says
// so: shown beside the reply preview, and used to refuse a link-only answer where the rule asks
// an answer to stand on its own. The rule's words, in one or two sentences, are the message
// `rule_<site>` of public/_locales (English and German), written from those pages on `checked`
// without comparing them again here (`unverified`, as the starter catalog marks such claims);
// `{host}` and `{subreddit}` in a source are the page's own.

export const REPLY_SITES = ['github', 'stackexchange', 'discourse', 'reddit'] as const;
export type ReplySite = (typeof REPLY_SITES)[number];

export interface CommunityRule {
  site: ReplySite;
  /** The community, as a reader names it; none: the page's own host names it (each Discourse forum is its own). */
  name?: string;
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
    source: 'https://{host}/help/promotion',
    checked: '2026-12-01',
    unverified: true,
    linkOnly: 'refuse',
    minOwnText: 120,
    markdown: true,
  },
  discourse: {
    site: 'discourse',
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
