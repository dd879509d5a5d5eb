// Reading and clicking what Advocate shows in a page. It lives in closed shadow roots, which no
// page script (and no Playwright locator) can enter; the DevTools protocol can: the
// accessibility tree includes closed shadow content, DOM.getDocument with pierce returns it,
// and clicks are real mouse events at the element's place (trusted, as a person's are).
import type { CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
  ignored?: boolean;
}

/** Nodes of the page's accessibility tree with this role and a name matching `name`. */
export async function axFind(page: Page, role: string, name: string | RegExp): Promise<AxNode[]> {
  const { nodes } = (await (await cdp(page)).send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  return nodes.filter((n) => !n.ignored && n.role?.value === role && (typeof name === 'string' ? n.name?.value === name : name.test(n.name?.value ?? '')));
}

/** Waits for one such node and clicks its middle with the mouse. */
export async function axClick(page: Page, role: string, name: string | RegExp): Promise<void> {
  let node: AxNode | undefined;
  await expect.poll(async () => (node = (await axFind(page, role, name))[0]) !== undefined, { timeout: 10_000, message: `${role} "${name}"` }).toBe(true);
  // Content quads are in viewport coordinates (a box model is in the document's: off once the page scrolled).
  const { quads } = (await (await cdp(page)).send('DOM.getContentQuads', { backendNodeId: node!.backendDOMNodeId! })) as { quads: number[][] };
  const [x1, y1, , , x3, y3] = quads[0]!;
  await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
}

interface DomNode {
  nodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
}

/** Advocate's layers in the page (elements on <html> holding a closed shadow root): their markup and place. */
export async function layers(page: Page): Promise<{ html: string; rect: { x: number; y: number; width: number; height: number } }[]> {
  const session = await cdp(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const hosts = (html?.children ?? []).filter((n) => n.shadowRoots?.some((s) => s.shadowRootType === 'closed'));
  return Promise.all(
    hosts.map(async (host) => {
      const box = host.shadowRoots![0]!.children?.find((n) => n.nodeName === 'DIV');
      const { outerHTML } = (await session.send('DOM.getOuterHTML', { nodeId: box?.nodeId ?? host.nodeId })) as { outerHTML: string };
      const { quads } = (await session.send('DOM.getContentQuads', { nodeId: box?.nodeId ?? host.nodeId })) as { quads: number[][] };
      const [x1, y1, , , x3, y3] = quads[0] ?? [0, 0, 0, 0, 0, 0];
      return { html: outerHTML, rect: { x: x1!, y: y1!, width: x3! - x1!, height: y3! - y1! } };
    }),
  );
}

/** Waits until the page shows exactly `count` Advocate layers; returns them. */
export async function waitForLayers(page: Page, count: number) {
  await expect.poll(async () => (await layers(page)).length, { timeout: 10_000 }).toBe(count);
  return layers(page);
}

/** Every link of the page as written (Advocate's own are in closed shadow roots, not among them). */
export const pageLinks = (page: Page) => page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.outerHTML).join('\n'));

/** Resolves after the page has been idle twice: the content script's idle work (the suggestion) has run by then. */
export const afterIdle = (page: Page) => page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestIdleCallback(done))));
