/** Reading rendered PDFs back with poppler (pdftotext) and qpdf, for the renderer suites: required, never skipped. */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

export const A4 = { width: 595.28, height: 841.89 };

/** Whitespace (line breaks included) as single spaces, for matching extracted text. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export interface PdfTools {
  /** For a `before` hook: makes the scratch folder. A missing pdftotext or qpdf fails the first test that needs it, naming the package. */
  setUp(): void;
  /** For an `after` hook: removes the scratch folder. */
  tearDown(): void;
  /** The text (`raw`: in content order, so a table cell's wrapped lines stay together). */
  pdfText(bytes: Uint8Array, opts?: { raw?: boolean }): string;
  expectQpdfClean(bytes: Uint8Array): void;
  /** Every word with its box, from `pdftotext -bbox` (top-left origin, points). */
  words(bytes: Uint8Array): Word[];
}

function run(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The tools for one suite; `suite` names it in the error when a tool is missing ("… is required by the
 * certificate tests …") and in its scratch folder.
 */
const PACKAGE_OF: Record<string, string> = { pdftotext: 'poppler-utils', qpdf: 'qpdf' };

export function pdfTools(suite: string, scratchPrefix: string): PdfTools {
  let tmp: string | undefined;
  let written = 0;
  // The tools are pure over the bytes: a suite that reads the same document twice (renders are deterministic)
  // spawns each tool once for it. A process start is most of the cost of these suites.
  const seen = new Map<string, ReturnType<typeof run>>();
  /** Runs `cmd` with the document written where `args` says `FILE`. */
  const tool = (cmd: string, args: string[], bytes: Uint8Array) => {
    const key = `${cmd} ${args.join(' ')} ${crypto.createHash('sha256').update(bytes).digest('hex')}`;
    let r = seen.get(key);
    if (!r) {
      const file = writePdf(bytes);
      try {
        r = run(cmd, args.map((a) => (a === 'FILE' ? file : a)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        throw new Error(`${cmd} is required by the ${suite} tests but is not installed (apt-get install ${PACKAGE_OF[cmd]})`);
      }
      seen.set(key, r);
    }
    return r;
  };
  const writePdf = (bytes: Uint8Array): string => {
    if (!tmp) throw new Error('pdfTools: setUp() was not called');
    const file = path.join(tmp, `document-${written++}.pdf`);
    fs.writeFileSync(file, bytes);
    return file;
  };

  return {
    setUp() {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), scratchPrefix));
    },
    tearDown() {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      tmp = undefined;
    },
    pdfText(bytes, { raw = false } = {}) {
      const r = tool('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', 'FILE', '-'], bytes);
      expect(r.status, r.stderr).to.equal(0);
      return r.stdout;
    },
    expectQpdfClean(bytes) {
      const r = tool('qpdf', ['--check', 'FILE'], bytes);
      expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
      expect(r.stdout).to.include('No syntax or stream encoding errors found');
    },
    words(bytes) {
      const r = tool('pdftotext', ['-bbox', '-enc', 'UTF-8', 'FILE', '-'], bytes);
      expect(r.status, r.stderr).to.equal(0);
      const out: Word[] = [];
      let page = -1;
      for (const line of r.stdout.split('\n')) {
        if (line.includes('<page ')) page++;
        const m = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
        if (m) out.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! });
      }
      return out;
    },
  };
}
