/**
 * Just enough PDF object syntax to read a signature dictionary or a trailer straight from the
 * raw bytes, with the byte span of every value. No streams, no xref, no inflate: the input may be
 * an applicant's upload (see DESIGN.md on pdf-lib and inflate bombs).
 */
import { MalformedPdfError } from './errors';

interface Span {
  start: number;
  end: number;
}

export type PdfValue = Span &
  (
    | { type: 'name'; value: string }
    | { type: 'number'; value: number }
    | { type: 'string'; bytes: Buffer; hex: boolean }
    | { type: 'array'; items: PdfValue[] }
    | { type: 'dict'; entries: Map<string, PdfValue> }
    | { type: 'ref'; num: number; gen: number }
    | { type: 'boolean'; value: boolean }
    | { type: 'null' }
  );

export type PdfDict = Extract<PdfValue, { type: 'dict' }>;

const MAX_DEPTH = 32;

export function isWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

function isDelimiter(c: number | undefined): boolean {
  return c !== undefined && '()<>[]{}/%'.includes(String.fromCharCode(c));
}

/** True at end of input or before whitespace or a delimiter: a token boundary. */
export function isBoundary(c: number | undefined): boolean {
  return c === undefined || isWhitespace(c) || isDelimiter(c);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function fail(message: string, pos: number): never {
  throw new MalformedPdfError(`${message} at byte ${pos}`);
}

/** Parses one PDF object starting at `pos` (leading whitespace and comments are skipped). */
export function parsePdfValue(buf: Uint8Array, pos: number): PdfValue {
  return new Parser(buf, pos).value(0);
}

/** Parses a dictionary starting at `pos`; throws when the object there is not a dictionary. */
export function parsePdfDict(buf: Uint8Array, pos: number): PdfDict {
  const v = parsePdfValue(buf, pos);
  if (v.type !== 'dict') fail('expected a dictionary', pos);
  return v;
}

class Parser {
  constructor(
    private readonly buf: Uint8Array,
    public pos: number,
  ) {}

  private skipSpace(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhitespace(c)) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  value(depth: number): PdfValue {
    if (depth > MAX_DEPTH) fail('objects nested too deep', this.pos);
    this.skipSpace();
    const b = this.buf;
    const start = this.pos;
    const c = b[start];
    if (c === undefined) fail('unexpected end of file', start);
    if (c === 0x3c /* < */ && b[start + 1] === 0x3c) return this.dict(depth);
    if (c === 0x3c) return this.hexString();
    if (c === 0x28 /* ( */) return this.literalString();
    if (c === 0x5b /* [ */) return this.array(depth);
    if (c === 0x2f /* / */) return this.name();
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef();
    const word = this.keyword();
    if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true', start, end: this.pos };
    if (word === 'null') return { type: 'null', start, end: this.pos };
    return fail(`unexpected token ${JSON.stringify(word.slice(0, 20))}`, start);
  }

  private keyword(): string {
    const start = this.pos;
    while (!isBoundary(this.buf[this.pos])) this.pos++;
    return Buffer.from(this.buf.subarray(start, this.pos)).toString('latin1');
  }

  private dict(depth: number): PdfValue {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      const c = this.buf[this.pos];
      if (c === undefined) fail('unterminated dictionary', start);
      if (c === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { type: 'dict', entries, start, end: this.pos };
      }
      const key = this.value(depth + 1);
      if (key.type !== 'name') fail('dictionary key is not a name', key.start);
      // Duplicate keys make a signature dictionary ambiguous: refuse rather than pick one.
      if (entries.has(key.value)) fail(`duplicate key /${key.value}`, key.start);
      entries.set(key.value, this.value(depth + 1));
    }
  }

  private array(depth: number): PdfValue {
    const start = this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.buf[this.pos];
      if (c === undefined) fail('unterminated array', start);
      if (c === 0x5d /* ] */) {
        this.pos++;
        return { type: 'array', items, start, end: this.pos };
      }
      items.push(this.value(depth + 1));
    }
  }

  private name(): PdfValue {
    const start = this.pos++;
    const raw = this.keyword();
    const value = raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { type: 'name', value, start, end: this.pos };
  }

  private numberOrRef(): PdfValue {
    const start = this.pos;
    const text = this.keyword();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) fail(`bad number ${JSON.stringify(text.slice(0, 20))}`, start);
    const value = Number(text);
    if (/^\d+$/.test(text)) {
      // "n g R" is a reference: look ahead without consuming when it is not.
      const m = /^\s+(\d+)\s+R/.exec(Buffer.from(this.buf.subarray(this.pos, this.pos + 32)).toString('latin1'));
      if (m && isBoundary(this.buf[this.pos + m[0].length])) {
        this.pos += m[0].length;
        return { type: 'ref', num: value, gen: Number(m[1]), start, end: this.pos };
      }
    }
    return { type: 'number', value, start, end: this.pos };
  }

  private hexString(): PdfValue {
    const b = this.buf;
    const start = this.pos++;
    const digits: number[] = [];
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) fail('unterminated hex string', start);
      if (c === 0x3e /* > */) break;
      if (isWhitespace(c)) continue;
      const v = hexValue(c);
      if (v < 0) fail('bad character in hex string', this.pos - 1);
      digits.push(v);
    }
    if (digits.length % 2) digits.push(0);
    const bytes = Buffer.alloc(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
    return { type: 'string', bytes, hex: true, start, end: this.pos };
  }

  private literalString(): PdfValue {
    const b = this.buf;
    const start = this.pos++;
    const out: number[] = [];
    let nesting = 1;
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) fail('unterminated string', start);
      if (c === 0x28) nesting++;
      else if (c === 0x29 && --nesting === 0) break;
      if (c !== 0x5c /* \ */) {
        out.push(c);
        continue;
      }
      const e = b[this.pos++];
      if (e === undefined) fail('unterminated string', start);
      const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
      if (e in simple) out.push(simple[e]!);
      else if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let i = 0; i < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; i++) v = v * 8 + (b[this.pos++]! - 0x30);
        out.push(v & 0xff);
      } else if (e === 0x0d) {
        if (b[this.pos] === 0x0a) this.pos++; // line continuation
      } else if (e !== 0x0a) out.push(e);
    }
    return { type: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
  }
}

/** Text of a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding approximated as Latin-1). */
export function decodePdfText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))); // copy: swap16 works in place
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm') as a Date; undefined when it does not parse. */
export function parsePdfDate(text: string): Date | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text);
  if (!m) return undefined;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
