import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { tokenRefusal } from '../../scripts/token';
import { PROJECT_ROOT } from '../../project-root';

/** `npm run token -- <user>` as a person runs it (tsx), in a data directory of its own. */
function runToken(user: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sahkan-token-'));
  try {
    return spawnSync(process.execPath, ['--require', 'tsx/cjs', join(PROJECT_ROOT, 'scripts', 'token.ts'), user], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', SAHKAN_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('npm run token: development tokens only', function () {
  this.timeout(120_000);

  it('refuses with NODE_ENV=production, and only then', () => {
    expect(tokenRefusal({ NODE_ENV: 'production' })).to.match(/refuses to run with NODE_ENV=production/);
    expect(tokenRefusal({ NODE_ENV: 'development' })).to.equal(null);
    expect(tokenRefusal({})).to.equal(null);
  });

  it('prints no token and exits 1 with NODE_ENV=production, even with a full production configuration', () => {
    const run = runToken('budi', { NODE_ENV: 'production', SAHKAN_PUBLIC_URL: 'https://izin.example.go.id' });
    expect(run.status, run.stderr).to.equal(1);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.match(/refuses to run with NODE_ENV=production/);
  });

  it('prints a token for a seeded user in development', () => {
    const run = runToken('budi', { NODE_ENV: 'development' });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout.trim()).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
