/**
 * Exports the stage as it looks now: one SVG document that keeps the SVG layers as vectors (with their computed
 * styles inlined, since CSS classes do not travel), rasterises each canvas into an <image>, and redraws the HTML
 * parts (metrics, labels) as <rect>s and <text>s at their on-screen places. The PNG is that SVG drawn onto a canvas.
 * Text is copied through `textContent`, so nothing from a contract is ever parsed as markup.
 */
const NS = 'http://www.w3.org/2000/svg';
const SVG_STYLE = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'paint-order'];

function transparent(colour: string): boolean {
  return colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
}

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = SVG_STYLE.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', style);
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}

export function snapshotSvg(root: HTMLElement): string {
  const box = root.getBoundingClientRect();
  const doc = document.implementation.createDocument(NS, 'svg', null);
  const out = doc.documentElement;
  out.setAttribute('width', String(Math.ceil(box.width)));
  out.setAttribute('height', String(Math.ceil(box.height)));
  out.setAttribute('viewBox', `0 0 ${Math.ceil(box.width)} ${Math.ceil(box.height)}`);
  const at = (r: DOMRect) => ({ x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height });
  const add = (name: string, attrs: Record<string, string | number>, text?: string): Element => {
    const el = doc.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    out.appendChild(el);
    return el;
  };
  add('rect', { x: 0, y: 0, width: box.width, height: box.height, fill: getComputedStyle(root).backgroundColor || '#fff' });

  const walk = (el: Element): void => {
    if (!visible(el) && !(el instanceof SVGElement)) return;
    if (el instanceof HTMLCanvasElement) {
      const r = at(el.getBoundingClientRect());
      add('image', { x: r.x, y: r.y, width: r.w, height: r.h, href: el.toDataURL('image/png') });
      return;
    }
    if (el instanceof SVGSVGElement) {
      const r = at(el.getBoundingClientRect());
      const copy = el.cloneNode(true) as SVGSVGElement;
      inlineStyles(el, copy);
      copy.setAttribute('x', String(r.x));
      copy.setAttribute('y', String(r.y));
      out.appendChild(doc.importNode(copy, true));
      return;
    }
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) return;
    const cs = getComputedStyle(el);
    if (el !== root && !transparent(cs.backgroundColor)) {
      const r = at(el.getBoundingClientRect());
      add('rect', { x: r.x, y: r.y, width: r.w, height: r.h, fill: cs.backgroundColor, rx: parseFloat(cs.borderTopLeftRadius) || 0 });
    }
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) {
        // A wrapped text node has one client rect per line; split its words across them by width.
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        const text = node.textContent.replace(/\s+/g, ' ').trim();
        const style = { 'font-size': cs.fontSize, 'font-family': cs.fontFamily, 'font-weight': cs.fontWeight, fill: cs.color };
        if (lines.length <= 1) {
          const r = at(range.getBoundingClientRect());
          add('text', { x: r.x, y: r.y + r.h * 0.78, ...style }, text);
        } else {
          const words = text.split(' ');
          const total = lines.reduce((a, l) => a + l.width, 0);
          let w = 0;
          for (const l of lines) {
            const take = Math.max(1, Math.round((words.length * l.width) / total));
            const r = at(l);
            add('text', { x: r.x, y: r.y + r.h * 0.78, ...style }, words.slice(w, l === lines[lines.length - 1] ? words.length : w + take).join(' '));
            w += take;
          }
        }
      } else if (node instanceof Element) walk(node);
    }
  };
  walk(root);
  return new XMLSerializer().serializeToString(out);
}

export async function snapshotPng(root: HTMLElement, scale = window.devicePixelRatio || 1): Promise<Blob> {
  const svg = snapshotSvg(root);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const cv = document.createElement('canvas');
    cv.width = Math.ceil(img.width * scale);
    cv.height = Math.ceil(img.height * scale);
    const g = cv.getContext('2d');
    if (!g) throw new Error('this browser gave no 2D canvas to draw the PNG on');
    g.scale(scale, scale);
    g.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => cv.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
