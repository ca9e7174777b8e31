import { z } from 'zod';

/**
 * Text people type, cleaned once for every request schema: what flows into signed PDFs and the public
 * register must not carry invisible controls, broken UTF-16 or characters that reorder what a reader sees.
 *
 * Refused (400 naming the field): C0 and C1 control characters (tab, line feed and carriage return only in
 * multi-line text), lone surrogates, and the bidirectional embeddings, overrides and isolates U+202A–U+202E,
 * U+2066–U+2069. Accepted text is NFC-normalised (and CRLF becomes LF), so the same words compare equal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** With the u flag a well-formed pair is one code point, so this matches only unpaired surrogates. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is not clean text, or null when it is. */
export function uncleanReason(text: string, multiline = false): string | null {
  const control = (multiline ? CONTROL_MULTILINE : CONTROL_LINE).exec(text);
  if (control) return `contains the control character ${codePoint(control[0])}`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `contains a lone surrogate ${codePoint(surrogate[0])} (not valid Unicode text)`;
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) return `contains the bidirectional control character ${codePoint(bidi[0])}`;
  return null;
}

/**
 * A zod string of clean text (see above), NFC-normalised. Chain `.trim()`, `.min()`, `.max()`, `.regex()` as
 * on any string. `multiline` allows tab and line breaks (comments, reasons, clause texts).
 */
export function ZCleanText({ multiline = false }: { multiline?: boolean } = {}) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const reason = uncleanReason(text, multiline);
      if (reason) ctx.addIssue({ code: 'custom', message: reason, abort: true });
    })
    .overwrite((text) => (multiline ? text.replace(/\r\n?/g, '\n') : text).normalize('NFC'));
}
