// npm pretest (and .ci/run): the Debian tools the document and browser tests call, installed when missing.
// As root, or with passwordless sudo, it runs apt-get; otherwise it stops at once with the one command to run.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Each tool and the Debian package that brings it. */
const TOOLS = {
  pdfsig: 'poppler-utils',
  pdftotext: 'poppler-utils',
  qpdf: 'qpdf',
  certutil: 'libnss3-tools',
  // The browser suites (*.browser.test.ts) drive it through playwright-core; no browser is downloaded.
  chromium: 'chromium',
  // The store suites on PostgreSQL and the cluster shape start a throwaway server (scripts/postgres-instance.ts).
  initdb: 'postgresql',
};

const onPath = (name) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Debian keeps the server's programs off PATH, in /usr/lib/postgresql/<version>/bin. */
const inPostgresBin = (name) => {
  const root = '/usr/lib/postgresql';
  try {
    return fs.readdirSync(root).some((version) => fs.existsSync(path.join(root, version, 'bin', name)));
  } catch {
    return false;
  }
};
const found = (tool) => onPath(tool) || (tool === 'initdb' && inPostgresBin(tool));

const missing = Object.keys(TOOLS).filter((tool) => !found(tool));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((tool) => TOOLS[tool]))];
const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
const stop = (why) => {
  console.error(`[ensure-tools] missing ${missing.join(', ')} (${why}). Install them with:\n  ${command}`);
  process.exit(1);
};

if (!onPath('apt-get')) stop('no apt-get here');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = root ? [] : ['sudo', '-n'];
if (!root && !(onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)) {
  stop('not root and no passwordless sudo');
}

const run = (args) => {
  const [cmd, ...rest] = [...sudo, ...args];
  console.log(`[ensure-tools] ${[cmd, ...rest].join(' ')}`);
  const result = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) stop(`${args.slice(0, 2).join(' ')} failed (${result.error ? result.error.message : `exit ${result.status ?? result.signal}`})`);
};
console.log(`[ensure-tools] installing ${packages.join(' ')} for ${missing.join(', ')}`);
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
const still = Object.keys(TOOLS).filter((tool) => !found(tool));
if (still.length > 0) stop(`still missing after apt-get: ${still.join(', ')}`);
