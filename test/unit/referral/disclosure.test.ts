import { describe, expect, it } from 'vitest';
import { de, en } from '../../messages';
import {
  DEFAULT_DISCLOSURE,
  ReferralInputError,
  channelFormat,
  fillDisclosure,
  renderShare,
  renderShares,
  renderUnpaidShare,
  UNPAID_DISCLOSURE,
  validateDisclosure,
  type ShareInput,
} from '../../../src/core/referral';

const LINK = 'https://acme.example/buy?ref=7k3m9q2x8d4f6h1j5n0p2r4t&utm_source=advocate';
const base: ShareInput = {
  link: LINK,
  format: 'text',
  vendorName: 'Acme DB',
  productName: 'MySQL',
  offerName: 'Acme Enterprise',
  reason: 'its hot backups saved my last migration',
};

describe('renderShare', () => {
  it('plain text: the link, then the default disclosure saying it is paid and why', () => {
    expect(renderShare(base)).toBe(
      `Acme Enterprise by Acme DB: ${LINK}\n` +
        'Disclosure: this is a paid referral link — I may earn a commission from Acme DB if you subscribe. ' +
        'I recommend Acme Enterprise because its hot backups saved my last migration.',
    );
  });

  it('uses the offer\'s "adds" sentence, or a default, when no reason is given', () => {
    const { reason: _r, ...noReason } = base;
    expect(renderShare({ ...noReason, offerAdds: 'Adds 24/7 support and hot backups.' })).toContain(
      'because it adds what MySQL alone does not: 24/7 support and hot backups.',
    );
    expect(renderShare(noReason)).toContain('because it is what I would use myself for MySQL in production.');
  });

  it('names the give-back with its link', () => {
    const text = renderShare({ ...base, giveBack: { url: 'https://opencollective.com/mysql', percent: 20 } });
    expect(text).toMatch(/I give 20% of it to MySQL's maintainers \(https:\/\/opencollective\.com\/mysql\)\.$/);
    const md = renderShare({ ...base, format: 'markdown', giveBack: { url: 'https://github.com/sponsors/x', percent: 5, projectName: 'Vitess' } });
    expect(md).toMatch(/I give 5% of it to \[Vitess's maintainers\]\(https:\/\/github\.com\/sponsors\/x\)\.$/);
  });

  it('markdown: a link with escaped names, the disclosure in the next paragraph', () => {
    const md = renderShare({ ...base, format: 'markdown', vendorName: 'Acme [DB](evil)', offerName: 'Pro *Plus*' });
    const [linkLine, blank, disclosure] = md.split('\n');
    expect(linkLine).toBe(`[Pro \\*Plus\\* by Acme \\[DB\\]\\(evil\\)](${LINK})`);
    expect(blank).toBe('');
    expect(disclosure).toContain('commission from Acme \\[DB\\]\\(evil\\) if you subscribe');
  });

  it('markdown: parentheses in the URL cannot end the link early', () => {
    const md = renderShare({ ...base, format: 'markdown', link: 'https://acme.example/buy_(new)?ref=x' });
    expect(md).toContain('](https://acme.example/buy_%28new%29?ref=x)');
  });

  it('html: escaped text, a sponsored link, the disclosure in a visible paragraph', () => {
    const html = renderShare({ ...base, format: 'html', vendorName: '<script>alert("x")</script>', link: 'https://acme.example/?a=1&b="2"' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/^<p><a href="https:\/\/acme\.example\/\?a=1&amp;b=%222%22" rel="sponsored noopener">Acme Enterprise by &lt;script&gt;/);
    expect(html).toMatch(/\n<p>Disclosure: this is a paid referral link/);
  });

  it("fills the practitioner's own wording", () => {
    const text = renderShare({ ...base, disclosure: 'Affiliate link: {vendor} pays me if you buy {offer} for {product}.' });
    expect(text.split('\n')[1]).toBe('Affiliate link: Acme DB pays me if you buy Acme Enterprise for MySQL.');
  });

  it('refuses bad wording, bad links and bad give-backs', () => {
    expect(() => renderShare({ ...base, disclosure: '   ' })).toThrow(ReferralInputError);
    expect(() => renderShare({ ...base, disclosure: 'Great product from {vendor}, buy it now!' })).toThrow(/fails its check \(disclosureNotPaid\)/);
    expect(() => renderShare({ ...base, link: 'javascript:alert(1)' })).toThrow(/http\(s\) URL/);
    expect(() => renderShare({ ...base, giveBack: { url: 'https://x.example', percent: 0 } })).toThrow(/between 1 and 100/);
    expect(() => renderShare({ ...base, format: 'rtf' as never })).toThrow(/Unknown share format/);
  });
});

describe('renderShares', () => {
  it('renders the same share in every format', () => {
    const { format: _f, ...rest } = base;
    const all = renderShares(rest);
    expect(all).toEqual({
      markdown: renderShare({ ...rest, format: 'markdown' }),
      text: renderShare({ ...rest, format: 'text' }),
      html: renderShare({ ...rest, format: 'html' }),
    });
    expect(new Set(Object.values(all)).size).toBe(3);
  });
});

describe('validateDisclosure', () => {
  it('accepts the default and plain honest wording', () => {
    expect(validateDisclosure(DEFAULT_DISCLOSURE, en)).toEqual({ ok: true });
    expect(validateDisclosure('Paid link: I earn a referral fee if you subscribe.', en)).toEqual({ ok: true });
  });

  it('accepts wording in German that says it is paid, and still refuses German that does not', () => {
    expect(validateDisclosure('Bezahlter Link: Ich erhalte eine Provision von {vendor}, wenn Sie abonnieren.', en)).toEqual({ ok: true });
    expect(validateDisclosure('Werbung: Für Abschlüsse über diesen Link bekomme ich Geld von {vendor}.', en)).toEqual({ ok: true });
    expect(validateDisclosure('Unbezahlter Hinweis: {offer} ist einfach gut, probieren Sie es aus.', en).ok).toBe(false);
    expect(validateDisclosure('Unpaid tip: {offer} is simply good, give it a try.', en).ok).toBe(false);
  });

  it.each([
    ['empty', '', /cannot be empty/],
    ['whitespace', ' \n\t ', /cannot be empty/],
    ['a bare link', 'https://acme.example/buy?ref=x', /link alone is not a disclosure/],
    ['two bare links', 'https://a.example www.b.example', /link alone is not a disclosure/],
    ['too short', 'Paid link.', /too short/],
    ['only placeholders', '{vendor} {offer} {product} {reason}', /too short/],
    ['no word saying it is paid', 'I really like {offer}, you should try it out.', /must say plainly that the link is paid/],
    ['an unknown placeholder', 'Paid link: I earn a commission from {company}.', /Unknown placeholder \{company\}/],
    ['too long', `Paid link. ${'x'.repeat(600)}`, /longer than 600/],
  ])('refuses %s', (_what, text, message) => {
    const result = validateDisclosure(text, en);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('words its refusal with the say it is given: German for a German browser', () => {
    expect(validateDisclosure('Paid link.', de)).toEqual({ ok: false, message: 'Die Offenlegung ist zu kurz, um Lesern etwas zu sagen (mindestens 20 Zeichen Text).' });
    expect(validateDisclosure('Bezahlt: {firma} zahlt mir eine Provision.', de)).toEqual({ ok: false, message: 'Unbekannter Platzhalter {firma}; verwenden Sie {vendor}, {offer}, {product}, {reason}.' });
  });
});

describe('fillDisclosure and channelFormat', () => {
  it('fills known placeholders and refuses unknown ones', () => {
    const values = { vendor: 'V', offer: 'O', product: 'P', reason: 'R' };
    expect(fillDisclosure('{vendor}/{offer}/{product}/{reason}', values)).toBe('V/O/P/R');
    expect(() => fillDisclosure('{price}', values)).toThrow(/Unknown placeholder \{price\}/);
  });

  it('picks Markdown for forums and issues, plain text elsewhere', () => {
    expect(channelFormat('forum-answer')).toBe('markdown');
    expect(channelFormat('issue-comment')).toBe('markdown');
    for (const c of ['talk', 'email', 'chat', 'social', 'other'] as const) expect(channelFormat(c)).toBe('text');
  });
});

describe('renderUnpaidShare', () => {
  const unpaid = { url: 'https://www.oracle.com/mysql/enterprise/', vendorName: 'Oracle', offerName: 'MySQL Enterprise Edition' };

  it('is the plain offer link, saying it is unpaid, in each format', () => {
    expect(renderUnpaidShare({ ...unpaid, format: 'text' })).toBe(`MySQL Enterprise Edition by Oracle: https://www.oracle.com/mysql/enterprise/\n${UNPAID_DISCLOSURE}`);
    expect(renderUnpaidShare({ ...unpaid, format: 'markdown' })).toBe('[MySQL Enterprise Edition by Oracle](https://www.oracle.com/mysql/enterprise/)\n\nUnpaid link: I earn nothing from it.');
    const html = renderUnpaidShare({ ...unpaid, format: 'html' });
    expect(html).toContain('rel="noopener"');
    expect(html).not.toContain('sponsored');
    expect(html).toContain('<p>Unpaid link: I earn nothing from it.</p>');
    expect(UNPAID_DISCLOSURE).toMatch(/unpaid/i);
  });

  it('refuses a link that is not a web address', () => {
    expect(() => renderUnpaidShare({ ...unpaid, url: 'javascript:alert(1)', format: 'text' })).toThrow(ReferralInputError);
  });
});
