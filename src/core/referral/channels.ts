// Where a referral link is shared. Kept free of valibot so light bundles can import it.

export const CHANNELS = ['forum-answer', 'issue-comment', 'talk', 'email', 'chat', 'social', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ShareFormat = 'markdown' | 'text' | 'html';

/** The format a channel reads: Markdown where answers are written in it, plain text elsewhere. */
export function channelFormat(channel: Channel): ShareFormat {
  switch (channel) {
    case 'forum-answer': // GitHub Discussions, Discourse, Reddit, Stack Exchange
    case 'issue-comment':
      return 'markdown';
    default: // talk slides, email, chat, social posts: markup would show as clutter
      return 'text';
  }
}

const ISSUE_PATH = /^\/[^/]+\/[^/]+\/(?:issues|pull|merge_requests)\/\d+/;

/** Where the link will probably be pasted, from what the page is. */
export function defaultChannel(pageType: 'project' | 'forum' | 'other' | undefined, url: string | undefined): Channel {
  if (url) {
    try {
      const { pathname } = new URL(url);
      if (ISSUE_PATH.test(pathname) || pathname.includes('/-/issues/')) return 'issue-comment';
      if (/^\/[^/]+\/[^/]+\/discussions\/\d+/.test(pathname)) return 'forum-answer';
    } catch {
      // not a URL: fall through to the page type
    }
  }
  return pageType === 'forum' ? 'forum-answer' : 'other';
}
