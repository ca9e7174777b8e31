// npm prestart/pretest: install dependencies when node_modules is missing or older than package-lock.json.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const mtime = (file) => {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
};
const installed = mtime('node_modules/.package-lock.json');
const lock = mtime('package-lock.json');
if (installed !== undefined && (lock === undefined || installed >= lock)) process.exit(0);

console.log('[ensure-deps] node_modules is missing or older than package-lock.json: running npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) {
  console.error(`[ensure-deps] npm ci failed (${result.error ? result.error.message : `exit ${result.status ?? result.signal}`})`);
  process.exit(1);
}
