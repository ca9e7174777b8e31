import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-tools.cjs');
const run = (pathDirs: string[]) =>
  spawnSync(process.execPath, [SCRIPT], { env: { PATH: pathDirs.join(path.delimiter) }, encoding: 'utf8' });

describe('scripts/ensure-tools.cjs (npm pretest)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-tools-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does nothing when pdfsig, pdftotext, qpdf, certutil, chromium and initdb are on PATH', () => {
    const bin = path.join(dir, 'all');
    fs.mkdirSync(bin);
    for (const tool of ['pdfsig', 'pdftotext', 'qpdf', 'certutil', 'chromium', 'initdb']) fs.writeFileSync(path.join(bin, tool), '#!/bin/sh\n', { mode: 0o755 });
    const result = run([bin]);
    expect(result.status).to.equal(0);
    expect(result.stdout + result.stderr).to.equal('');
  });

  it('stops at once with the one command to run when it cannot install (here: no apt-get)', () => {
    const bin = path.join(dir, 'some');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'qpdf'), '#!/bin/sh\n', { mode: 0o755 });
    const result = run([bin]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include('missing pdfsig, pdftotext, certutil, chromium');
    expect(result.stderr).to.include('sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils libnss3-tools chromium');
  });
});
