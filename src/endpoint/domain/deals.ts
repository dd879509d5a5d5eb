// Deals are claims a vendor reviews. A claim names an organisation's own domain: free-mail and
// shared hosting domains name nobody in particular, so they are refused. Deals are matched by
// registrable domain (sales.acme.example and acme.example are one customer), using the Public
// Suffix List through tldts (private suffixes too: alice.github.io is Alice's, github.io nobody's).
import { getDomain, getDomainWithoutSuffix } from 'tldts';

/** Providers whose addresses anyone can have, by registrable domain. */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io', 'fastmail.com',
  'hey.com', 'zoho.com', 'zohomail.com', 'mail.com', 'email.com', 'gmx.com', 'gmx.de', 'gmx.net', 'gmx.at',
  'web.de', 't-online.de', 'freenet.de', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it',
  'virgilio.it', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'yandex.ru', 'yandex.com', 'ya.ru', 'rambler.ru',
  'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com',
  'seznam.cz', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'bol.com.br', 'uol.com.br', 'terra.com.br',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'btinternet.com', 'sky.com',
]);
/** Providers with many country domains (yahoo.co.jp, hotmail.fr…). */
const FREE_MAIL_NAMES = new Set(['gmail', 'yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'yandex', 'aol', 'icloud']);

export type DealDomain = { ok: true; domain: string } | { ok: false; reason: string };

/** The registrable domain a deal is held for, or why the domain cannot be claimed. */
export function dealDomain(domain: string): DealDomain {
  const registrable = getDomain(domain, { allowPrivateDomains: true });
  if (!registrable) return { ok: false, reason: `${domain} is a shared public suffix (like co.uk or github.io), not one organisation's domain` };
  const name = getDomainWithoutSuffix(registrable, { allowPrivateDomains: true });
  if (FREE_MAIL.has(registrable) || (name !== null && FREE_MAIL_NAMES.has(name))) {
    return { ok: false, reason: `${registrable} is a free e-mail provider that anyone can use; register the customer's own domain` };
  }
  return { ok: true, domain: registrable };
}
