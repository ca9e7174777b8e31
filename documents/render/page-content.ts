/**
 * One page's content stream, written as text: the operators pdf-lib's drawText, drawLine and rectangle fills
 * write, in the same order and with pdf-lib's number formatting, but without an operator object per number and
 * with one resource name per font (pdf-lib's drawText adds a new font resource for every line it draws).
 * Compressed with node:zlib rather than pdf-lib's JavaScript deflate.
 */
import { deflateSync } from 'node:zlib';
import { colorToComponents, numberToString, type Color, type PDFFont } from 'pdf-lib';
import { encodedHex } from './font-metrics';

/** pdf-lib's number format (never exponents), without its second conversion when there is no exponent. */
function n(x: number): string {
  const s = String(x);
  return s.includes('e') ? numberToString(x) : s;
}

/** Fill and stroke operators by colour: documents use a handful of colour objects thousands of times. */
const colorOps = new WeakMap<Color, { fill: string; stroke: string }>();

function colorOp(color: Color, stroke: boolean): string {
  let ops = colorOps.get(color);
  if (!ops) {
    const parts = colorToComponents(color);
    const op = parts.length === 1 ? 'g' : parts.length === 3 ? 'rg' : 'k';
    const values = parts.map(n).join(' ');
    ops = { fill: `${values} ${op}`, stroke: `${values} ${op.toUpperCase()}` };
    colorOps.set(color, ops);
  }
  return stroke ? ops.stroke : ops.fill;
}

export interface TTextOptions {
  /** The font's name in the page's /Font resources. */
  resource: string;
  size: number;
  color: Color;
  wordSpacing?: number;
  /** Counter-clockwise, in radians. */
  rotate?: number;
}

export class PageContent {
  private readonly ops: string[] = [];

  /** One line of text (already WinAnsi-clean: no line breaks) with its baseline starting at (x, y). */
  text(line: string, font: PDFFont, x: number, y: number, o: TTextOptions): void {
    const r = o.rotate ?? 0;
    const matrix = r ? [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), x, y].map(n).join(' ') : `1 0 0 1 ${n(x)} ${n(y)}`;
    if (o.wordSpacing) this.ops.push('q', `${n(o.wordSpacing)} Tw`);
    this.ops.push('q', 'BT', colorOp(o.color, false), `/${o.resource} ${n(o.size)} Tf`, `${matrix} Tm`, `${encodedHex(font, line)} Tj`, 'ET', 'Q');
    if (o.wordSpacing) this.ops.push('Q');
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Color): void {
    this.ops.push('q', colorOp(color, true), `${n(thickness)} w`, '[] 0 d', `${n(x1)} ${n(y1)} m`, `${n(x2)} ${n(y2)} l`, 'S', 'Q');
  }

  /** Rectangles filled as one path, so abutting ones show no seams; in `frame` units when given. */
  rects(color: Color, rects: ReadonlyArray<readonly [number, number, number, number]>, frame?: { x: number; y: number; unit: number }): void {
    this.ops.push('q', colorOp(color, false));
    if (frame) this.ops.push(`${n(frame.unit)} 0 0 ${n(frame.unit)} ${n(frame.x)} ${n(frame.y)} cm`);
    for (const [x, y, w, h] of rects) this.ops.push(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re`);
    this.ops.push('f', 'Q');
  }

  /** The stream's bytes, deflated (the stream needs /Filter /FlateDecode). */
  deflated(): Buffer {
    // Level 1: a page is a few kilobytes of operators; the default level takes twice the time for 10% fewer bytes.
    return deflateSync(Buffer.from(this.ops.join('\n'), 'latin1'), { level: 1 });
  }
}
