/**
 * `npm run log:verify -- <baseUrl> [--state <file>] [--entry <leafIndex|leafHash>] [--cert <seal.pem>]`
 *
 * Checks the office's transparency log from outside, with no access to its database: the latest tree head's
 * signature under the office seal's certificate (--cert pins one you obtained yourself; else the one the office
 * publishes, whose fingerprint is printed to compare), its consistency with the head saved in --state by the last
 * run (the log was only appended to since), and optionally one entry's inclusion, its leaf recomputed from the
 * entry's fields (an entry that is not a public act is published as its leaf hash only: that leaf's inclusion, or
 * with an auditor's token in SAHKAN_AUDITOR_TOKEN the entry read whole and its leaf recomputed).
 * The head is saved to --state only when every check passed. Exit code 1 when any fails.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { logEntryBytes, treeHeadBytes, type TLogEntry, type TSignedTreeHead } from '../domain/transparency/log-entry';
import { fromHex, logMerkle, toHex } from '../store/log-merkle';

export interface TVerifyOptions {
  baseUrl: string;
  statePath?: string;
  entry?: string;
  certPem?: string;
  /** An auditor's Bearer token: an entry withheld from the public is read whole (/audit/log/entries) and recomputed. */
  auditorToken?: string;
}

export interface TVerifyReport {
  ok: boolean;
  head?: TSignedTreeHead;
  /** One line per check, `ok …` or `FAILED …`. */
  lines: string[];
}

async function getJson<T>(baseUrl: string, path: string, token?: string): Promise<T> {
  const res = await fetch(new URL(`/api/v1${path}`, baseUrl), token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function verifyLog(opts: TVerifyOptions): Promise<TVerifyReport> {
  const lines: string[] = [];
  let ok = true;
  const check = (passed: boolean, what: string) => {
    lines.push(`${passed ? 'ok' : 'FAILED'}  ${what}`);
    ok &&= passed;
  };

  const head = await getJson<TSignedTreeHead>(opts.baseUrl, '/public/log/tree-head');
  const certPem = opts.certPem ?? (await (await fetch(new URL('/api/v1/public/log/seal.pem', opts.baseUrl))).text());
  const cert = new crypto.X509Certificate(certPem);
  lines.push(`seal certificate ${opts.certPem ? '(pinned)' : '(as published)'}: ${cert.subject.replace(/\n/g, ', ')}; SHA-256 ${cert.fingerprint256}`);
  const signed = crypto.verify('sha256', treeHeadBytes(head), cert.publicKey, Buffer.from(head.signature, 'base64'));
  check(signed, `tree head signature: size ${head.treeSize}, root ${head.rootHash}, ${head.timestamp}`);

  const saved = opts.statePath && fs.existsSync(opts.statePath) ? (JSON.parse(fs.readFileSync(opts.statePath, 'utf8')) as TSignedTreeHead) : undefined;
  if (!saved) lines.push('no saved head to compare with (first run): consistency not checked');
  else if (saved.treeSize > head.treeSize) check(false, `consistency: the log shrank from ${saved.treeSize} to ${head.treeSize} entries`);
  else if (saved.treeSize === head.treeSize) check(saved.rootHash === head.rootHash, `consistency: same size ${head.treeSize}, same root`);
  else {
    const c = await getJson<{ proof: string[] }>(opts.baseUrl, `/public/log/proof/consistency?first=${saved.treeSize}&second=${head.treeSize}`);
    // The roots are the saved and the signed ones, never the ones the server sends with the proof.
    const consistent = logMerkle.verifyConsistency({ first: saved.treeSize, second: head.treeSize, firstRoot: fromHex(saved.rootHash), secondRoot: fromHex(head.rootHash), proof: c.proof.map(fromHex) });
    check(consistent, `consistency: the head of ${saved.timestamp} (size ${saved.treeSize}) is a prefix of this one (${c.proof.length} hashes)`);
  }

  if (opts.entry !== undefined) {
    const by = /^[0-9a-f]{64}$/.test(opts.entry) ? `leafHash=${opts.entry}` : `leafIndex=${Number(opts.entry)}`;
    const p = await getJson<{ leafIndex: number; leafHash: string; auditPath: string[]; entry: TLogEntry | { withheld: true } }>(opts.baseUrl, `/public/log/proof/inclusion?${by}&treeSize=${head.treeSize}`);
    // A public act's leaf is recomputed from its fields; an entry withheld from the public proves its published leaf,
    // or with an auditor's token is read whole and recomputed.
    let whole = 'withheld' in p.entry ? undefined : p.entry;
    if (!whole && opts.auditorToken) {
      whole = (await getJson<{ items: TLogEntry[] }>(opts.baseUrl, `/audit/log/entries?start=${p.leafIndex}&end=${p.leafIndex + 1}`, opts.auditorToken)).items[0];
    }
    const leafHash = whole ? logMerkle.leafHash(logEntryBytes(whole)) : fromHex(p.leafHash);
    const included = logMerkle.verifyInclusion({ leafHash, index: p.leafIndex, treeSize: head.treeSize, proof: p.auditPath.map(fromHex), root: fromHex(head.rootHash) });
    const what = whole
      ? `(${whole.kind} ${whole.action} by ${whole.actor} at ${whole.at}), leaf ${toHex(leafHash)} recomputed from its fields`
      : `(not a public act: its fields are withheld, the auditors' to check), leaf ${toHex(leafHash)} as published`;
    check(included, `inclusion: entry ${p.leafIndex} ${what}, ${p.auditPath.length} hashes to the signed root`);
  }

  if (ok && opts.statePath) {
    fs.writeFileSync(opts.statePath, JSON.stringify(head, null, 2));
    lines.push(`saved this head to ${opts.statePath}`);
  }
  return { ok, head, lines };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  const baseUrl = process.argv[2];
  if (!baseUrl || baseUrl.startsWith('--')) {
    console.error('usage: npm run log:verify -- <baseUrl> [--state <file>] [--entry <leafIndex|leafHash>] [--cert <seal.pem>]');
    process.exit(2);
  }
  const cert = argument('cert');
  // An auditor's token from the environment, never the command line (a process list shows arguments).
  const auditorToken = process.env.SAHKAN_AUDITOR_TOKEN || undefined;
  verifyLog({ baseUrl, statePath: argument('state'), entry: argument('entry'), certPem: cert ? fs.readFileSync(cert, 'utf8') : undefined, auditorToken })
    .then((report) => {
      for (const line of report.lines) console.log(line);
      process.exit(report.ok ? 0 : 1);
    })
    .catch((err: unknown) => {
      console.error(`FAILED  ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
