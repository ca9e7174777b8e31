/**
 * `npm run log:verify -- <baseUrl> [--state <file>] [--entry <leafIndex|leafHash>] [--cert <seal.pem>]`
 *
 * Checks the office's transparency log from outside, with no access to its database: the latest tree head's
 * signature under the office seal's certificate (--cert pins one you obtained yourself; else the one the office
 * publishes, whose fingerprint is printed to compare), its consistency with the head saved in --state by the last
 * run (the log was only appended to since), and optionally one entry's inclusion, its leaf recomputed from the
 * entry's fields. The head is saved to --state only when every check passed. Exit code 1 when any fails.
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
}

export interface TVerifyReport {
  ok: boolean;
  head?: TSignedTreeHead;
  /** One line per check, `ok …` or `FAILED …`. */
  lines: string[];
}

async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(new URL(`/api/v1${path}`, baseUrl));
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
    const p = await getJson<{ leafIndex: number; auditPath: string[]; entry: TLogEntry }>(opts.baseUrl, `/public/log/proof/inclusion?${by}&treeSize=${head.treeSize}`);
    const leafHash = logMerkle.leafHash(logEntryBytes(p.entry));
    const included = logMerkle.verifyInclusion({ leafHash, index: p.leafIndex, treeSize: head.treeSize, proof: p.auditPath.map(fromHex), root: fromHex(head.rootHash) });
    check(included, `inclusion: entry ${p.leafIndex} (${p.entry.kind} ${p.entry.action} by ${p.entry.actor} at ${p.entry.at}), leaf ${toHex(leafHash)} recomputed from its fields, ${p.auditPath.length} hashes to the signed root`);
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
  verifyLog({ baseUrl, statePath: argument('state'), entry: argument('entry'), certPem: cert ? fs.readFileSync(cert, 'utf8') : undefined })
    .then((report) => {
      for (const line of report.lines) console.log(line);
      process.exit(report.ok ? 0 : 1);
    })
    .catch((err: unknown) => {
      console.error(`FAILED  ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
