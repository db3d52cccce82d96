/**
 * Exports the stage as it looks now: one SVG document that keeps the SVG layers as vectors (with their computed
 * styles inlined, since CSS classes do not travel), rasterises each canvas into an <image>, and redraws the HTML
 * parts (metrics, labels) as <rect>s and <text>s at their on-screen places. The PNG is that SVG drawn onto a canvas.
 * Text is copied through `textContent`, so nothing from a contract is ever parsed as markup. `figureSvg` makes a
 * figure of one view instead (title, legend, no controls): what the Export menu saves.
 */
import type { FigureCaption } from '../../app/figureCaption.ts';
import { LEGEND } from './palette.ts';

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

type Add = (name: string, attrs: Record<string, string | number>, text?: string) => Element;

/**
 * Redraws `root`'s subtree into the SVG document `out` (see the module comment); `at` maps a client rect to the
 * output's coordinates, and subtrees `skip` accepts are left out.
 */
function paintTree(root: Element, doc: XMLDocument, out: Element, add: Add, at: (r: DOMRect) => { x: number; y: number; w: number; h: number }, skip: (el: Element) => boolean): void {
  const walk = (el: Element): void => {
    if (skip(el)) return;
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
      // A nested <svg> clips by default; on the page the axis's last label may stand past its edge.
      copy.setAttribute('overflow', 'visible');
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
  // The page's background (theme.css): the stage itself is transparent, and its text is coloured for that background.
  const cs = getComputedStyle(root);
  add('rect', { x: 0, y: 0, width: box.width, height: box.height, fill: transparent(cs.backgroundColor) ? cs.getPropertyValue('--bg').trim() || 'white' : cs.backgroundColor });

  paintTree(root, doc, out, add, at, () => false);
  return new XMLSerializer().serializeToString(out);
}

/** Parts of a view that are the page's, not the figure's: buttons, inputs, hints ("wheel to zoom…"). */
function uiOnly(el: Element): boolean {
  return el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el.classList.contains('hint') || el.getAttribute('data-export') === 'skip';
}

/**
 * The stage's lanes as a figure for a slide or a paper: one view (the lanes; in compare mode every strategy's lanes,
 * which share one time axis), a title with the setup and a line of the run's figures above it, the legend below, and
 * none of the page's controls or hints (buttons, "click a bar…", the arrows' "click: why?" tooltips).
 */
export function figureSvg(stageRoot: HTMLElement, caption: FigureCaption): string {
  const views = Array.from(stageRoot.querySelectorAll<HTMLElement>('[data-region=lanes]')).filter(visible);
  if (views.length === 0) throw new Error('nothing to export: the lanes are not on the stage (run something first)');
  const cs = getComputedStyle(stageRoot);
  const colour = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const bg = transparent(cs.backgroundColor) ? colour('--bg', 'white') : cs.backgroundColor;
  const fg = colour('--fg', cs.color);
  const muted = colour('--muted', fg);
  const font = cs.fontFamily;
  const basePx = parseFloat(cs.fontSize) || 16;
  const pad = Math.round(basePx);
  // The right margin is wider: the time axis's last label may stand past the plot's edge.
  const width = Math.ceil(Math.max(...views.map((v) => v.getBoundingClientRect().width))) + 3 * pad;

  const doc = document.implementation.createDocument(NS, 'svg', null);
  const out = doc.documentElement;
  const add: Add = (name, attrs, text) => {
    const el = doc.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    out.appendChild(el);
    return el;
  };
  const background = add('rect', { x: 0, y: 0, width, height: 0, fill: bg });
  // Text is measured with the page's own font, so long captions wrap at the figure's width.
  const measure = document.createElement('canvas').getContext('2d');
  const textWidth = (text: string, px: number, weight = '400'): number => {
    if (!measure) return text.length * px * 0.55;
    measure.font = `${weight} ${px}px ${font}`;
    return measure.measureText(text).width;
  };
  const wrap = (text: string, px: number, maxW: number, weight?: string): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidth(next, px, weight) > maxW) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  };
  let y = pad;
  const titlePx = Math.round(basePx * 1.3);
  const subPx = Math.round(basePx * 0.85);
  for (const line of wrap(caption.title, titlePx, width - 2 * pad, '700')) {
    add('text', { x: pad, y: y + titlePx, 'font-size': titlePx, 'font-family': font, 'font-weight': 700, fill: fg, 'data-figure': 'title' }, line);
    y += Math.round(titlePx * 1.3);
  }
  for (const line of wrap(caption.subtitle, subPx, width - 2 * pad)) {
    add('text', { x: pad, y: y + subPx, 'font-size': subPx, 'font-family': font, fill: muted, 'data-figure': 'subtitle' }, line);
    y += Math.round(subPx * 1.4);
  }
  y += Math.round(pad / 2);

  for (const view of views) {
    const r = view.getBoundingClientRect();
    const top = y;
    paintTree(view, doc, out, add, (q) => ({ x: q.left - r.left + pad, y: q.top - r.top + top, w: q.width, h: q.height }), uiOnly);
    y += Math.ceil(r.height) + Math.round(pad / 2);
  }

  // The legend: the bar colours in words, then the conflict arrow.
  const legendPx = Math.round(basePx * 0.8);
  const swatch = { w: Math.round(legendPx * 1.1), h: Math.round(legendPx * 0.8) };
  const items: { fill?: string; arrow?: string; label: string }[] = [
    ...LEGEND.map((l) => ({ fill: colour(l.colour, muted), label: l.label })),
    { arrow: colour('--abort', fg), label: "the writer's change invalidated the transaction it points to (labelled with the key)" },
  ];
  let x = pad;
  const rowH = Math.round(legendPx * 1.6);
  for (const item of items) {
    const w = swatch.w + 6 + textWidth(item.label, legendPx) + pad;
    if (x > pad && x + w > width - pad) {
      x = pad;
      y += rowH;
    }
    const mid = y + rowH / 2;
    if (item.fill) add('rect', { x, y: mid - swatch.h / 2, width: swatch.w, height: swatch.h, rx: 2, fill: item.fill, 'data-figure': 'legend-swatch' });
    else add('path', { d: `M${x},${mid} H${x + swatch.w - 3} M${x + swatch.w - 7},${mid - 3} L${x + swatch.w - 3},${mid} L${x + swatch.w - 7},${mid + 3}`, stroke: item.arrow!, 'stroke-width': 1.5, fill: 'none', 'data-figure': 'legend-arrow' });
    add('text', { x: x + swatch.w + 6, y: mid + legendPx * 0.35, 'font-size': legendPx, 'font-family': font, fill: muted, 'data-figure': 'legend' }, item.label);
    x += w;
  }
  y += rowH + pad;

  // Tooltips inside the copied SVG layers are the page's hints ("click: why?"), not the figure's.
  for (const t of Array.from(out.getElementsByTagNameNS(NS, 'title'))) t.remove();
  const height = Math.ceil(y);
  background.setAttribute('height', String(height));
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(out);
}

export function figurePng(stageRoot: HTMLElement, caption: FigureCaption, scale = Math.max(2, window.devicePixelRatio || 1)): Promise<Blob> {
  return svgToPng(figureSvg(stageRoot, caption), scale);
}

export function snapshotPng(root: HTMLElement, scale = window.devicePixelRatio || 1): Promise<Blob> {
  return svgToPng(snapshotSvg(root), scale);
}

/** An SVG document drawn onto a canvas at `scale` device pixels per CSS pixel. */
async function svgToPng(svg: string, scale: number): Promise<Blob> {
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
