// The in-page suggestion on a project or forum page: small, dismissible, shown after the page
// is idle, in a corner where it covers none of the page's own controls. Its text is the
// worker's answer (an enrolled vendor's offer); a click opens the popup's referral form.
import type { ContentCommands } from '../background/commands';
import type { SuggestedOfferView } from '../core/messages/views';
import type { SendCommand } from '../core/messages/client';
import { button, el, layer, place, say } from './ui';

const CONTROLS = 'a,button,input,select,textarea,summary,label,iframe,[role=button],[role=link],[role=textbox],[contenteditable],[tabindex]';
const MARGIN = 16;

/** How many of the page's controls a box at (x, y) would cover, sampled on a 3×3 grid. */
function coveredControls(x: number, y: number, w: number, h: number): number {
  let hits = 0;
  for (const fx of [0.05, 0.5, 0.95]) {
    for (const fy of [0.05, 0.5, 0.95]) {
      const under = document.elementFromPoint(x + w * fx, y + h * fy);
      if (under?.closest(CONTROLS)) hits++;
    }
  }
  return hits;
}

/** Bottom-right first, then the other corners: the first that covers no control, else the one that covers fewest. */
function corner(w: number, h: number): [number, number] {
  const right = innerWidth - w - MARGIN;
  const bottom = innerHeight - h - MARGIN;
  const options: [number, number][] = [[right, bottom], [MARGIN, bottom], [right, MARGIN + 56], [MARGIN, MARGIN + 56]];
  let best = options[0]!;
  let fewest = Infinity;
  for (const [x, y] of options) {
    const hits = coveredControls(x, y, w, h);
    if (hits === 0) return [x, y];
    if (hits < fewest) [best, fewest] = [[x, y], hits];
  }
  return best;
}

export function showCard(offer: SuggestedOfferView, send: SendCommand<ContentCommands>, signal: AbortSignal): void {
  const done = (scope: 'here' | 'site' | 'product') => {
    card.remove();
    void send('suggestion.dismiss', { productId: offer.productId, scope });
  };
  const cert = offer.certification;
  const card = layer(
    'complementary',
    say('cardLabel'),
    signal,
    el('div', { class: 'h' }, 'Advocate', button('×', () => done('here'), { class: 'x', 'aria-label': say('cardDismiss') })),
    el('p', {}, el('strong', {}, say('cardTitle', offer.offerName))),
    el('p', {}, `${offer.vendorName} · ${offer.adds}`),
    cert && el('p', {}, say('cardCertified', offer.productName, cert.validUntil ? `${cert.level}, until ${cert.validUntil}` : cert.level)),
    el(
      'div',
      { class: 'r' },
      button(say('cardOpen'), () => void send('suggestion.open'), { class: 'p' }),
      button(say('cardMuteSite'), () => done('site'), { class: 'l' }),
      button(say('cardMuteProduct', offer.productName), () => done('product'), { class: 'l' }),
    ),
  );
  card.host.style.width = '320px';
  const { width, height } = card.host.getBoundingClientRect();
  place(card, ...corner(width, height));
}
