/**
 * PAdES baseline B-B signing (ETSI EN 319 142-1) with an invisible signature field.
 *
 * An unsigned PDF is re-saved once by pdf-lib with the placeholder (no object streams, so the
 * placeholder is plain bytes). An already signed PDF is never re-saved: the new field and signature
 * are appended as an incremental update, which leaves earlier signatures intact.
 * Only the RSA operation touches the key, through crypto.sign (see DESIGN.md on forge's RSA).
 */
import * as crypto from 'node:crypto';
import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
} from 'pdf-lib';
import { cmsFromTemplate, cmsTemplate, type CmsTemplate } from './cades-cms';
import { pemBlocks } from './der';
import { MalformedPdfError } from './errors';
import { isWhitespace, parsePdfDict, type PdfDict } from './pdf-syntax';

export interface PdfSigner {
  /** The unlocked RSA private key (see unlockSignerKey). */
  key: crypto.KeyObject;
  certPem: string;
  /** Issuing certificates up to and including the root, embedded so verifiers can build the chain. */
  chainPems: string[];
}

export interface SignPdfInput {
  pdf: Uint8Array;
  signer: PdfSigner;
  reason?: string;
  location?: string;
  /** Shown by viewers as the signer; defaults to the certificate's common name. */
  name?: string;
  /** Written as the signature dictionary's /M (B-B carries no signingTime attribute). */
  signedAt: Date;
}

/** Ten characters wide: enough for any ByteRange offset up to 10 GB. */
const BYTE_RANGE_SLOT = '**********';
const BYTE_RANGE_PLACEHOLDER = `/ByteRange [ 0 /${BYTE_RANGE_SLOT} /${BYTE_RANGE_SLOT} /${BYTE_RANGE_SLOT} ]`;
/** Widget flags Print (4) + Locked (128). */
const WIDGET_FLAGS = 132;

/** What signing needs from a signer that is the same for every document; certificates only, never the key. */
interface PreparedSigner {
  template: CmsTemplate;
  commonName: string;
  contentsHexLength: number;
}

/** Prepared signers by certificate, chain and modulus size; a few signers sign most documents. */
const preparedSigners = new Map<string, PreparedSigner>();
const PREPARED_SIGNERS_MAX = 64;

function prepareSigner(signer: PdfSigner): PreparedSigner {
  if (signer.key.type !== 'private' || signer.key.asymmetricKeyType !== 'rsa') {
    throw new Error('signPdf needs an RSA private key');
  }
  const modulusBytes = (signer.key.asymmetricKeyDetails?.modulusLength ?? 4096) / 8;
  const id = [modulusBytes, signer.certPem, ...signer.chainPems].join('\n');
  const known = preparedSigners.get(id);
  if (known) return known;

  const certDers = [signer.certPem, ...signer.chainPems].map((pem) => {
    const der = pemBlocks(pem, 'CERTIFICATE')[0];
    if (!der) throw new Error('signer certificate and chain must be PEM certificates');
    return der;
  });
  const template = cmsTemplate(certDers, modulusBytes);
  const prepared = {
    template,
    commonName: commonName(new crypto.X509Certificate(certDers[0]!).subject),
    // Room for the CMS as hex and a little spare.
    contentsHexLength: 2 * (template.cms.length + 32),
  };
  if (preparedSigners.size >= PREPARED_SIGNERS_MAX) preparedSigners.delete(preparedSigners.keys().next().value!);
  preparedSigners.set(id, prepared);
  return prepared;
}

export async function signPdf(input: SignPdfInput): Promise<Uint8Array> {
  const { pdf, signer } = input;
  const { template, contentsHexLength, ...certificate } = prepareSigner(signer);

  const alreadySigned = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).includes('/ByteRange');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const trailer = alreadySigned ? readLastTrailer(pdf) : undefined;
  if (trailer) {
    // pdf-lib forgets the numbers of object and xref streams; the trailer's /Size does not.
    doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, trailer.size - 1);
  }
  const firstNewObject = doc.context.largestObjectNumber + 1;

  const sigDict = doc.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, PDFName.of(BYTE_RANGE_SLOT), PDFName.of(BYTE_RANGE_SLOT), PDFName.of(BYTE_RANGE_SLOT)],
    Contents: PDFHexString.of('0'.repeat(contentsHexLength)),
    M: PDFString.fromDate(input.signedAt),
    Name: PDFHexString.fromText(input.name ?? certificate.commonName),
    ...(input.reason ? { Reason: PDFHexString.fromText(input.reason) } : {}),
    ...(input.location ? { Location: PDFHexString.fromText(input.location) } : {}),
  });
  const touched = addSignatureField(doc, sigDict, trailer?.rootRef);

  let out: Buffer;
  let searchFrom = 0;
  if (trailer) {
    for (const [ref] of doc.context.enumerateIndirectObjects()) {
      if (ref.objectNumber >= firstNewObject) touched.add(ref);
    }
    out = appendIncrementalUpdate(pdf, doc.context, [...touched], trailer);
    searchFrom = pdf.length;
  } else {
    out = Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
  }

  // Locate the placeholders in the final bytes and close the ByteRange around the <hex> gap.
  const rangePos = out.lastIndexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsKey = out.indexOf('/Contents <', rangePos);
  if (rangePos < searchFrom || contentsKey < 0) throw new Error('signature placeholder not found in output');
  const gapStart = contentsKey + '/Contents '.length;
  const gapEnd = gapStart + contentsHexLength + 2;
  if (out[gapEnd - 1] !== 0x3e /* > */) throw new Error('signature placeholder has an unexpected size');
  const byteRange = `[ 0 ${gapStart} ${gapEnd} ${out.length - gapEnd} ]`;
  const slot = BYTE_RANGE_PLACEHOLDER.length - '/ByteRange '.length;
  if (byteRange.length > slot) throw new Error('PDF too large for the ByteRange placeholder');
  out.write(byteRange.slice(0, -1).padEnd(slot - 1, ' ') + ']', rangePos + '/ByteRange '.length, 'latin1');

  const digest = crypto.createHash('sha256').update(out.subarray(0, gapStart)).update(out.subarray(gapEnd)).digest();
  const cms = cmsFromTemplate(template, digest, (signedAttrs) => crypto.sign('sha256', signedAttrs, signer.key));
  if (cms.length * 2 > contentsHexLength) throw new Error('CMS larger than its reserved space');
  out.write(cms.toString('hex'), gapStart + 1, 'latin1');
  return out;
}

export type TBatchResult = { ok: true; pdf: Uint8Array } | { ok: false; error: Error };

/**
 * A batch for one signer: the key is unlocked once by the caller (one passphrase entry) and the signer's CMS
 * prepared once, yet every document gets its own signature over its own bytes. One document that cannot be
 * signed does not stop the others; its result says why.
 */
export async function signPdfBatch(documents: ReadonlyArray<Omit<SignPdfInput, 'signer'>>, signer: PdfSigner): Promise<TBatchResult[]> {
  prepareSigner(signer); // a wrong key type fails the whole batch at once
  const results: TBatchResult[] = [];
  for (const document of documents) {
    try {
      results.push({ ok: true, pdf: await signPdf({ ...document, signer }) });
    } catch (err) {
      results.push({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
  return results;
}

/** Adds the invisible widget on page 1 and the field in the AcroForm; returns existing objects it changed. */
function addSignatureField(doc: PDFDocument, sigDict: PDFDict, rootRef: PDFRef | undefined): Set<PDFRef> {
  const ctx = doc.context;
  const touched = new Set<PDFRef>();
  if (doc.getPageCount() === 0) throw new MalformedPdfError('PDF has no pages');
  const page = doc.getPage(0);
  const catalogRef = rootRef ?? (ctx.trailerInfo.Root as PDFRef);

  let acroForm = doc.catalog.get(PDFName.of('AcroForm'));
  let acroHolder: PDFRef;
  let acroDict: PDFDict;
  if (acroForm instanceof PDFRef) {
    acroHolder = acroForm;
    acroDict = ctx.lookup(acroForm, PDFDict);
  } else if (acroForm instanceof PDFDict) {
    acroHolder = catalogRef;
    acroDict = acroForm;
  } else {
    acroDict = ctx.obj({ Fields: [] });
    acroForm = acroHolder = ctx.register(acroDict);
    doc.catalog.set(PDFName.of('AcroForm'), acroForm);
    touched.add(catalogRef);
  }

  const widgetRef = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(uniqueFieldName(ctx, acroDict)),
      V: ctx.register(sigDict),
      F: WIDGET_FLAGS,
      Rect: [0, 0, 0, 0], // invisible
      P: page.ref,
    }),
  );
  appendToArray(ctx, page.node, page.ref, 'Annots', widgetRef, touched);
  appendToArray(ctx, acroDict, acroHolder, 'Fields', widgetRef, touched);
  acroDict.set(PDFName.of('SigFlags'), PDFNumber.of(3)); // SignaturesExist + AppendOnly
  touched.add(acroHolder);
  return touched;
}

function uniqueFieldName(ctx: PDFContext, acroDict: PDFDict): string {
  const taken = new Set<string>();
  const fields = acroDict.lookupMaybe(PDFName.of('Fields'), PDFArray);
  for (let i = 0; fields && i < fields.size(); i++) {
    const t = fields.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString);
    if (t) taken.add(t.decodeText());
  }
  let n = 1;
  while (taken.has(`Signature${n}`)) n++;
  return `Signature${n}`;
}

/** Appends to holder[key], creating the array if needed, and records which object changed. */
function appendToArray(
  ctx: PDFContext,
  holder: PDFDict,
  holderRef: PDFRef,
  key: string,
  item: PDFRef,
  touched: Set<PDFRef>,
): void {
  const current = holder.get(PDFName.of(key));
  if (current instanceof PDFRef) {
    ctx.lookup(current, PDFArray).push(item);
    touched.add(current);
  } else if (current instanceof PDFArray) {
    current.push(item);
    touched.add(holderRef);
  } else {
    holder.set(PDFName.of(key), ctx.obj([item]));
    touched.add(holderRef);
  }
}

// ---- incremental update ----------------------------------------------------------------------

interface LastTrailer {
  /** Offset of the last cross-reference section (the new /Prev). */
  startxref: number;
  size: number;
  xrefStream: boolean;
  rootRef: PDFRef;
  /** Raw bytes of /Root, /Info and /ID values, copied verbatim into the new trailer. */
  carried: string;
}

function readLastTrailer(pdf: Uint8Array): LastTrailer {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const tailStart = Math.max(0, bytes.length - 4096);
  const tail = bytes.subarray(tailStart).toString('latin1');
  const m = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(tail);
  if (!m) throw new MalformedPdfError('no startxref at the end of the PDF');
  const startxref = Number(m[1]);

  let dict: PdfDict;
  let xrefStream = false;
  const head = bytes.subarray(startxref, startxref + 64).toString('latin1');
  if (head.startsWith('xref')) {
    const t = bytes.indexOf('trailer', startxref);
    if (t < 0) throw new MalformedPdfError('no trailer after the cross-reference table');
    dict = parsePdfDict(bytes, t + 'trailer'.length);
  } else {
    const obj = /^(\d+)\s+(\d+)\s+obj/.exec(head);
    if (!obj) throw new MalformedPdfError('startxref does not point at a cross-reference section');
    dict = parsePdfDict(bytes, startxref + obj[0].length);
    xrefStream = true;
  }

  const size = dict.entries.get('Size');
  const root = dict.entries.get('Root');
  if (size?.type !== 'number' || root?.type !== 'ref') throw new MalformedPdfError('trailer without /Size or /Root');
  if (dict.entries.has('Encrypt')) throw new MalformedPdfError('encrypted PDFs cannot be signed');
  const carried = ['Root', 'Info', 'ID']
    .flatMap((k) => {
      const v = dict.entries.get(k);
      return v ? [`/${k} ${bytes.subarray(v.start, v.end).toString('latin1')}`] : [];
    })
    .join(' ');
  return { startxref, size: size.value, xrefStream, rootRef: PDFRef.of(root.num, root.gen), carried };
}

/** Appends the given objects and a new cross-reference section (table or stream, like the last one). */
function appendIncrementalUpdate(pdf: Uint8Array, ctx: PDFContext, refs: PDFRef[], trailer: LastTrailer): Buffer {
  const chunks: Buffer[] = [Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length)];
  let offset = pdf.length;
  const push = (b: Buffer): void => {
    chunks.push(b);
    offset += b.length;
  };
  if (!isWhitespace(pdf[pdf.length - 1])) push(Buffer.from('\n'));

  const entries: Array<{ num: number; gen: number; offset: number }> = [];
  for (const ref of [...refs].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const obj = ctx.lookup(ref);
    if (!obj) continue;
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    const body = Buffer.alloc(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
    push(body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }

  let size = Math.max(trailer.size, ...entries.map((e) => e.num + 1));
  const xrefOffset = offset;
  if (trailer.xrefStream) {
    // An xref stream (uncompressed) that also lists itself.
    const selfNum = size++;
    entries.push({ num: selfNum, gen: 0, offset: xrefOffset });
    const rows = Buffer.alloc(entries.length * 7);
    entries.forEach((e, i) => {
      if (e.offset > 0xffffffff) throw new Error('PDF too large for a 4-byte xref offset');
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(e.offset, i * 7 + 1);
      rows.writeUInt16BE(e.gen, i * 7 + 5);
    });
    const index = subsections(entries)
      .map((s) => `${s[0]!.num} ${s.length}`)
      .join(' ');
    push(
      Buffer.from(
        `${selfNum} 0 obj\n<< /Type /XRef /Size ${size} /Index [${index}] /W [1 4 2] ${trailer.carried} ` +
          `/Prev ${trailer.startxref} /Length ${rows.length} >>\nstream\n`,
        'latin1',
      ),
    );
    push(rows);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  } else {
    let table = 'xref\n';
    for (const s of subsections(entries)) {
      table += `${s[0]!.num} ${s.length}\n`;
      for (const e of s) table += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    table += `trailer\n<< /Size ${size} ${trailer.carried} /Prev ${trailer.startxref} >>\n`;
    push(Buffer.from(table, 'latin1'));
  }
  push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** Groups entries (sorted by number) into runs of consecutive object numbers. */
function subsections<T extends { num: number }>(entries: T[]): T[][] {
  const runs: T[][] = [];
  for (const e of entries) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1]!.num + 1 === e.num) run.push(e);
    else runs.push([e]);
  }
  return runs;
}

function commonName(subject: string): string {
  const cn = subject.split('\n').find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3) : subject;
}
