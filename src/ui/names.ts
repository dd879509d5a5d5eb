// Names a person reads: a site as the site writes its own name, a referral code in groups
// that can be read aloud, a certification's level in the browser's language. Display only:
// links and stored values keep their exact form.
import type { AchievementLevel } from '../core/credential/schema';
import { t } from './i18n';

/** Site families the detector names, as the sites spell themselves. */
const FAMILIES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  codeberg: 'Codeberg',
  bitbucket: 'Bitbucket',
  npm: 'npm',
  pypi: 'PyPI',
  crates: 'crates.io',
  rubygems: 'RubyGems',
  gems: 'RubyGems',
  nuget: 'NuGet',
  packagist: 'Packagist',
  maven: 'Maven Central',
  go: 'Go Packages',
  dockerhub: 'Docker Hub',
  reddit: 'Reddit',
};

/** Stack Exchange sites that have names of their own; the rest are "<Topic> Stack Exchange". */
const STACK_EXCHANGE: Record<string, string> = {
  'stackoverflow.com': 'Stack Overflow',
  'serverfault.com': 'Server Fault',
  'superuser.com': 'Super User',
  'askubuntu.com': 'Ask Ubuntu',
  'mathoverflow.net': 'MathOverflow',
  'stackapps.com': 'Stack Apps',
};

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
};

/** The detector's site family and the page's URL → "GitHub", "Stack Overflow", "Stack Exchange (dba)", else the host. */
export function siteName(site: string, pageUrl?: string): string {
  const host = hostOf(pageUrl);
  if (site === 'stackexchange') {
    const own = Object.entries(STACK_EXCHANGE).find(([domain]) => host === domain || host.endsWith(`.${domain}`));
    if (own) return host.startsWith('meta.') ? `Meta ${own[1]}` : own[1];
    const topic = /^([a-z0-9-]+)\.stackexchange\.com$/.exec(host)?.[1];
    return topic ? `Stack Exchange (${topic})` : 'Stack Exchange';
  }
  return FAMILIES[site] ?? (host || site);
}

/** A referral code in groups of four, for reading aloud or typing from a slide: XXXX-XXXX-…. */
export function groupCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/(.{4})(?=.)/g, '$1-');
}

/** Type-checked against the credential schema's levels, without loading the schema (the popup's start). */
const LEVEL_MESSAGE: Readonly<Record<AchievementLevel, string>> = { associate: 'level_associate', professional: 'level_professional', expert: 'level_expert' };

/** A certification's level as the practitioner's language names it; a level outside the standard three as written. */
export function levelName(level: string | undefined): string {
  if (level === undefined) return t('levelCertified');
  return Object.hasOwn(LEVEL_MESSAGE, level) ? t(LEVEL_MESSAGE[level as AchievementLevel]) : level;
}
