// The in-page suggestion on a project or forum page: small, dismissible, shown after the page
// is idle, in a corner where it covers none of the page's own controls. Its text is the
// worker's answer (an enrolled vendor's offer); a click opens the popup's referral form.
import type { ContentCommands } from '../background/commands';
import type { SuggestedOfferView } from '../core/messages/views';
import type { SendCommand } from '../core/messages/client';
import { button, el, layer, say } from './ui';

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

/** The card's size as laid out (320px wide, a few lines): used to choose its corner before it exists. */
const SIZE = { w: 320, h: 150 };

/**
 * Bottom-right first, then the other corners: the first that covers no control, else the one
 * that covers fewest. Chosen before the card is added, with the page's own layout (already done
 * at idle time), so nothing forces an extra layout; the card is then placed by its edges.
 */
function corner(): { right?: number; left?: number; bottom?: number; top?: number } {
  const { w, h } = SIZE;
  const options = [
    { at: [innerWidth - w - MARGIN, innerHeight - h - MARGIN], css: { right: MARGIN, bottom: MARGIN } },
    { at: [MARGIN, innerHeight - h - MARGIN], css: { left: MARGIN, bottom: MARGIN } },
    { at: [innerWidth - w - MARGIN, MARGIN + 56], css: { right: MARGIN, top: MARGIN + 56 } },
    { at: [MARGIN, MARGIN + 56], css: { left: MARGIN, top: MARGIN + 56 } },
  ] as const;
  let best = options[0].css as ReturnType<typeof corner>;
  let fewest = Infinity;
  for (const { at, css } of options) {
    const hits = coveredControls(at[0], at[1], w, h);
    if (hits === 0) return css;
    if (hits < fewest) [best, fewest] = [css, hits];
  }
  return best;
}

export function showCard(offer: SuggestedOfferView, send: SendCommand<ContentCommands>, signal: AbortSignal): void {
  const where = corner();
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
    cert && el('p', {}, cert.validUntil ? say('cardCertifiedUntil', offer.productName, cert.level, cert.validUntil) : say('cardCertified', offer.productName, cert.level)),
    el(
      'div',
      { class: 'r' },
      button(say('cardOpen'), () => void send('suggestion.open'), { class: 'p' }),
      button(say('cardMuteSite'), () => done('site'), { class: 'l' }),
      button(say('cardMuteProduct', offer.productName), () => done('product'), { class: 'l' }),
    ),
  );
  const style = card.host.style;
  style.width = `${SIZE.w}px`;
  style.top = style.left = 'auto';
  for (const [edge, px] of Object.entries(where)) style.setProperty(edge, `${px}px`);
  style.visibility = 'visible';
}
