import canonicalize from 'canonicalize';

/**
 * What the transparency log holds: one entry per thing the office did, in order. Personal data is referenced by id
 * only (a case id, a user id), never copied: the entry carries the SHA-256 of its source record's content instead.
 * An entry's leaf (RFC 6962) is the UTF-8 of its canonical JSON (RFC 8785, JCS), so anyone can recompute it.
 */
export const LOG_ENTRY_KINDS = ['case-event', 'signature', 'issuance', 'document-status', 'calendar-change', 'pki', 'security', 'admin', 'audit-read', 'audit-finding'] as const;
export type TLogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

/**
 * The entries the public sees whole: the office's public acts (documents issued and revoked, the calendar, the PKI),
 * done by officials in office. The rest (case events, signatures, security, administrators' actions, the
 * Inspektorat's reads and findings) name applicants and staff by id and show who looked at which case when: the
 * public gets their place and leaf hash only (enough for every proof); auditors read them whole.
 */
export const PUBLIC_LOG_KINDS: readonly TLogEntryKind[] = ['issuance', 'document-status', 'calendar-change', 'pki'];
export const isPublicLogKind = (kind: TLogEntryKind): boolean => PUBLIC_LOG_KINDS.includes(kind);

export interface TLogEntry {
  /** The entry's place in the log: 0, 1, 2… without gaps (the leaf index). */
  seq: number;
  /** Where it came from, once per source event (`case-event:<caseId>:<eventSeq>`): a retried write appends nothing. */
  key: string;
  at: string;
  kind: TLogEntryKind;
  /** What happened, in the source's own words (a case event's action, `revoked`, `certificate_issued`…). */
  action: string;
  /** The user id (or `system`) who did it. */
  actor: string;
  /** The ids it is about (caseId, registration number, certificate serial…). */
  subjects: Record<string, string>;
  /** SHA-256 (hex) of the canonical JSON of the source record's content. */
  contentSha256: string;
}

/** A signed tree head's statement: the log had `treeSize` entries with this root at `timestamp`. */
export interface TTreeHead {
  treeSize: number;
  /** hex */
  rootHash: string;
  timestamp: string;
}

export interface TSignedTreeHead extends TTreeHead {
  /** base64: the office seal's RSA-SHA256 (PKCS#1 v1.5) signature over `treeHeadBytes` of the head. */
  signature: string;
}

/** RFC 8785 canonical JSON of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The leaf input of an entry (hash it with the Merkle leaf hash). */
export const logEntryBytes = (entry: TLogEntry): Uint8Array =>
  utf8(canonicalJson({ seq: entry.seq, key: entry.key, at: entry.at, kind: entry.kind, action: entry.action, actor: entry.actor, subjects: entry.subjects, contentSha256: entry.contentSha256 }));

/** The bytes the office seal signs for a tree head (and a verifier checks). */
export const treeHeadBytes = (head: TTreeHead): Uint8Array => utf8(canonicalJson({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp }));
