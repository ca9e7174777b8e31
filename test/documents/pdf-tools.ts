/** Reading rendered PDFs back with poppler (pdftotext) and qpdf, for the renderer suites: required, never skipped. */
import { spawnSync } from 'node:child_process';
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
  /** For a `before` hook: fails unless pdftotext and qpdf are installed, then makes the scratch folder. */
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
export function pdfTools(suite: string, scratchPrefix: string): PdfTools {
  let tmp: string | undefined;
  let written = 0;

  const requireTool = (cmd: string, pkg: string): void => {
    const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
    if (probe.error) throw new Error(`${cmd} is required by the ${suite} tests but is not installed (apt-get install ${pkg})`);
  };
  const writePdf = (bytes: Uint8Array): string => {
    if (!tmp) throw new Error('pdfTools: setUp() was not called');
    const file = path.join(tmp, `document-${written++}.pdf`);
    fs.writeFileSync(file, bytes);
    return file;
  };

  return {
    setUp() {
      requireTool('pdftotext', 'poppler-utils');
      requireTool('qpdf', 'qpdf');
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), scratchPrefix));
    },
    tearDown() {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      tmp = undefined;
    },
    pdfText(bytes, { raw = false } = {}) {
      const r = run('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', writePdf(bytes), '-']);
      expect(r.status, r.stderr).to.equal(0);
      return r.stdout;
    },
    expectQpdfClean(bytes) {
      const r = run('qpdf', ['--check', writePdf(bytes)]);
      expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
      expect(r.stdout).to.include('No syntax or stream encoding errors found');
    },
    words(bytes) {
      const r = run('pdftotext', ['-bbox', '-enc', 'UTF-8', writePdf(bytes), '-']);
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
