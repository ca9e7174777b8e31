// Judges an uploaded file by parsing it, not by its first bytes. Runs in an isolated child (see isolated.ts).
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { TMediaType } from '../domain/case-type.schema';

export interface TUploadLimits {
  /** All Flate streams of a PDF together may inflate to at most this many bytes (a bomb is refused). */
  maxPdfInflatedBytes: number;
  /** Width and height of an image, each. */
  maxImageSide: number;
  /** Width × height of an image. */
  maxImagePixels: number;
}

export type TUploadRefusal =
  | 'UNSUPPORTED_FILE'
  | 'PDF_MALFORMED'
  | 'PDF_ENCRYPTED'
  | 'PDF_ACTIVE_CONTENT'
  | 'PDF_TOO_LARGE_INFLATED'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_MALFORMED'
  /** The check ran out of time or memory. */
  | 'UPLOAD_TOO_COMPLEX';

export type TUploadVerdict =
  | { accepted: true; mediaType: TMediaType }
  | { accepted: false; refusal: TUploadRefusal; reason: string };

const refuse = (refusal: TUploadRefusal, reason: string): TUploadVerdict => ({ accepted: false, refusal, reason });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The PNG and JPEG formats themselves stop at 2^31 - 1 and 65,535 pixels a side. */
const PNG_MAX_SIDE = 2 ** 31 - 1;

export async function inspectUpload(bytes: Buffer, limits: TUploadLimits): Promise<TUploadVerdict> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return inspectPdf(bytes, limits);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return inspectPng(bytes, limits);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return inspectJpeg(bytes, limits);
  return refuse('UNSUPPORTED_FILE', 'only PDF, PNG and JPEG files are accepted');
}

// --- PDF ---------------------------------------------------------------------------------------------------

/** Dictionary keys that run something or carry a file: refused wherever they appear. */
const ACTIVE_KEYS: Record<string, string> = {
  JS: 'JavaScript',
  JavaScript: 'JavaScript',
  OpenAction: 'an action run on opening (OpenAction)',
  AA: 'actions run on events (AA)',
  EmbeddedFiles: 'embedded files',
  EmbeddedFile: 'embedded files',
  EF: 'embedded files',
  Launch: 'a Launch action',
  RichMedia: 'rich media',
  XFA: 'an XFA form',
};
/** Values of /S (action type) and /Type that are refused. */
const ACTIVE_NAMES: Record<string, string> = {
  JavaScript: 'JavaScript',
  Launch: 'a Launch action',
  EmbeddedFile: 'embedded files',
  ImportData: 'an ImportData action',
  SubmitForm: 'a SubmitForm action',
  RichMedia: 'rich media',
};
const MAX_DEPTH = 64;

async function inspectPdf(bytes: Buffer, limits: TUploadLimits): Promise<TUploadVerdict> {
  // A complete file ends with %%EOF (within its last 1,024 bytes, as readers demand); a cut-off one does not.
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF')) {
    return refuse('PDF_MALFORMED', 'the PDF is incomplete (no %%EOF at its end)');
  }
  const inflated = inflatedSize(bytes, limits.maxPdfInflatedBytes);
  if (inflated === undefined) {
    return refuse('PDF_TOO_LARGE_INFLATED', `the PDF's compressed streams inflate to more than ${limits.maxPdfInflatedBytes} bytes`);
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
  } catch (err) {
    if ((err as Error).name === 'EncryptedPDFError') return refuse('PDF_ENCRYPTED', 'encrypted PDFs are not accepted');
    return refuse('PDF_MALFORMED', `the PDF cannot be parsed (${(err as Error).message.slice(0, 200)})`);
  }
  try {
    if (doc.getPageCount() < 1) return refuse('PDF_MALFORMED', 'the PDF has no pages');
  } catch (err) {
    return refuse('PDF_MALFORMED', `the PDF has no readable page tree (${(err as Error).message.slice(0, 200)})`);
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const found = activeContent(object, 0);
    if (found) return refuse('PDF_ACTIVE_CONTENT', `the PDF contains ${found}; such PDFs are not accepted`);
  }
  return { accepted: true, mediaType: 'application/pdf' };
}

/** What active content an object holds (its dictionaries, arrays and nested ones), if any. */
function activeContent(object: PDFObject, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
  if (dict) {
    for (const [key, value] of dict.entries()) {
      const name = key.decodeText();
      if (name in ACTIVE_KEYS) return ACTIVE_KEYS[name];
      if ((name === 'S' || name === 'Type') && value instanceof PDFName && value.decodeText() in ACTIVE_NAMES) return ACTIVE_NAMES[value.decodeText()];
      const inner = activeContent(value, depth + 1);
      if (inner) return inner;
    }
  }
  if (object instanceof PDFArray) {
    for (const item of object.asArray()) {
      const inner = activeContent(item, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * The bytes all zlib (FlateDecode) streams of the file inflate to, or undefined past `cap`. Every
 * `stream … endstream` body is tried, whatever its dictionary says, so no stream escapes the count; a body that
 * is not zlib data (an image, say) counts nothing.
 */
function inflatedSize(bytes: Buffer, cap: number): number | undefined {
  let total = 0;
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream', at, 'latin1');
    if (start < 0) return total;
    at = start + 6;
    if (bytes.subarray(start - 3, start).toString('latin1') === 'end') continue;
    let body = at;
    if (bytes[body] === 0x0d) body++;
    if (bytes[body] !== 0x0a) continue;
    body++;
    const end = bytes.indexOf('endstream', body, 'latin1');
    const slice = bytes.subarray(body, end < 0 ? bytes.length : end);
    try {
      total += zlib.inflateSync(slice, { maxOutputLength: cap - total + 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
      // not zlib data: nothing to count
    }
    if (total > cap) return undefined;
    at = end < 0 ? bytes.length : end + 9;
  }
}

// --- Images ------------------------------------------------------------------------------------------------

function checkDimensions(width: number, height: number, maxFormatSide: number, limits: TUploadLimits): TUploadVerdict | undefined {
  if (width < 1 || height < 1 || width > maxFormatSide || height > maxFormatSide) {
    return refuse('IMAGE_MALFORMED', `the image declares impossible dimensions ${width}×${height}`);
  }
  if (width > limits.maxImageSide || height > limits.maxImageSide || width * height > limits.maxImagePixels) {
    return refuse(
      'IMAGE_TOO_LARGE',
      `the image is ${width}×${height} pixels; at most ${limits.maxImageSide} a side and ${limits.maxImagePixels} in all are accepted`,
    );
  }
  return undefined;
}

function inspectPng(bytes: Buffer, limits: TUploadLimits): TUploadVerdict {
  // IHDR comes first: length 13, type, width, height (big-endian, unsigned).
  if (bytes.length < 33 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return refuse('IMAGE_MALFORMED', 'the PNG has no header chunk');
  const tooLarge = checkDimensions(bytes.readUInt32BE(16), bytes.readUInt32BE(20), PNG_MAX_SIDE, limits);
  if (tooLarge) return tooLarge;
  try {
    PNG.sync.read(bytes, { checkCRC: true });
  } catch (err) {
    return refuse('IMAGE_MALFORMED', `the PNG cannot be decoded (${(err as Error).message.slice(0, 200)})`);
  }
  return { accepted: true, mediaType: 'image/png' };
}

/** Width and height from the first start-of-frame marker (SOF0…SOF15 except DHT, JPG and DAC). */
function jpegDimensions(bytes: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

function inspectJpeg(bytes: Buffer, limits: TUploadLimits): TUploadVerdict {
  const size = jpegDimensions(bytes);
  if (!size) return refuse('IMAGE_MALFORMED', 'the JPEG has no frame header');
  const tooLarge = checkDimensions(size.width, size.height, 65_535, limits);
  if (tooLarge) return tooLarge;
  try {
    jpeg.decode(bytes, {
      useTArray: true,
      maxResolutionInMP: limits.maxImagePixels / 1_000_000,
      maxMemoryUsageInMB: Math.ceil((limits.maxImagePixels * 8) / 1_048_576) + 64,
    });
  } catch (err) {
    return refuse('IMAGE_MALFORMED', `the JPEG cannot be decoded (${(err as Error).message.slice(0, 200)})`);
  }
  return { accepted: true, mediaType: 'image/jpeg' };
}
