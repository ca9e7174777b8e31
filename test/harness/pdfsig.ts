import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function tool(name: string, args: string[]) {
  const run = spawnSync(name, args, { encoding: 'utf8' });
  if (run.error) throw new Error(`${name} is not installed (apt-get install poppler-utils libnss3-tools): ${run.error.message}`);
  return run;
}

/** poppler's pdfsig report on `pdf` with the office root as the one trusted anchor (an NSS database of its own). */
export function pdfsigWithRoot(pdf: Uint8Array, rootCertPem: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-pdfsig-'));
  try {
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, pdf);
    const nss = path.join(dir, 'nss');
    fs.mkdirSync(nss);
    fs.writeFileSync(path.join(dir, 'root.pem'), rootCertPem);
    tool('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
    tool('certutil', ['-A', '-n', 'office-root', '-t', 'CT,C,C', '-i', path.join(dir, 'root.pem'), '-d', `sql:${nss}`]);
    return tool('pdfsig', ['-nssdir', `sql:${nss}`, file]).stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
