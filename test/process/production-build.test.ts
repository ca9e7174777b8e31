import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { PROJECT_ROOT } from '../../project-root';
import { freePort } from '../../scripts/dev-server';
import { spawnManaged, stopChild, type TManagedChild } from '../../scripts/managed-child';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { clusterClient } from '../harness/cluster-client';
import { harness } from '../harness/harness';
import { until } from '../harness/until';

/**
 * What production runs (README, "Production build"): `npm run build`, then `node <out>/api/main.js` and
 * `node <out>/worker/main.js` with NODE_ENV=production, against the harness's Temporal dev server, on a data folder
 * of their own and from a working directory outside the project (so nothing is found relative to it, and a
 * `--import tsx` anywhere in them, the isolated document child included, would fail to resolve).
 */
const SECRET = 'production-build-test-secret-of-32-characters';
const READY_LINE = 'worker polling task queue';

interface TRun {
  code: number | null;
  output: string;
}

/** A command to its end, with its output; `input` is written to its standard input. */
function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<TRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ code, output }));
    proc.stdin.end(opts.input ?? '');
  });
}

/** The command line of a running process, from /proc. */
const commandLine = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const environment = (pid: number) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);

describe('production build: npm run build, then node dist/… with NODE_ENV=production', function () {
  this.timeout(600_000);
  const outDir = path.join(PROJECT_ROOT, '.tmp', `build-test-${process.pid}`);
  const taskQueue = `sahkan-build-${process.pid}`;
  const output: string[] = [];
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  let api: TManagedChild | undefined;
  let worker: TManagedChild | undefined;
  const node = (script: string, args: string[] = [], input?: string) => run(process.execPath, [path.join(outDir, script), ...args], { cwd: dataDir, env, input });

  before(async function () {
    let startedAt = performance.now();
    const build = await run('npm', ['run', '--silent', 'build', '--', '--out-dir', path.relative(PROJECT_ROOT, outDir)], { cwd: PROJECT_ROOT, env: process.env });
    expect(build.code, build.output).to.equal(0);
    process.stderr.write(`      (npm run build in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n`);

    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-production-'));
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    // Not process.env: no NODE_OPTIONS or loader flags of the test run reach the compiled programs.
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SAHKAN_DATA_DIR: dataDir,
      PORT: String(port),
      SAHKAN_PUBLIC_URL: apiUrl,
      TEMPORAL_ADDRESS: harness().server.address,
      SAHKAN_TASK_QUEUE: taskQueue,
      JWT_SECRET: SECRET,
      SAHKAN_SESSION_SECRET: SECRET,
      SAHKAN_GRANT_SECRET: SECRET,
      SAHKAN_PKI_SECRET: SECRET,
      SAHKAN_TRACKING_SECRET: SECRET,
      SAHKAN_PAYLOAD_KEYS: `build:${crypto.randomBytes(32).toString('base64')}`,
      LOG_LEVEL: 'info',
    };

    // The head of office is enrolled by the compiled operator script, as an office would do it in production.
    // In production the script never reads the development users: the certificate's name and address are given.
    const nameless = await node('scripts/pki.js', ['issue', 'kepala'], `${DEV_SIGNER_PASSPHRASE}\n`);
    expect(nameless.code, nameless.output).to.not.equal(0);
    expect(nameless.output).to.include("give the signer's --name and --email");
    const issued = await node('scripts/pki.js', ['issue', 'kepala', '--name', 'Drs. H. Syarif Abdullah, M.Si.', '--email', 'kepala@dpmptsp.example.org'], `${DEV_SIGNER_PASSPHRASE}\n`);
    expect(issued.code, issued.output).to.equal(0);
    expect(issued.output).to.match(/issued certificate [0-9a-f]+ to kepala/);

    startedAt = performance.now();
    const spawnProgram = (name: string, entry: string) =>
      spawnManaged(name, process.execPath, [path.join(outDir, entry)], { cwd: dataDir, env, onLine: (line) => output.push(`[${name}] ${line}`) });
    worker = spawnProgram('worker', 'worker/main.js');
    api = spawnProgram('api', 'api/main.js');
    await until(async () => output.some((line) => line.includes(READY_LINE)) || worker!.done, 'the compiled worker polling', 120_000);
    expect(worker.done, output.join('\n')).to.equal(false);
    await until(async () => api!.done || (await fetch(`${apiUrl}/healthz`).then((r) => r.ok, () => false)), 'the compiled API answering', 120_000);
    expect(api.done, output.join('\n')).to.equal(false);
    process.stderr.write(`      (compiled worker and API up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n`);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') process.stderr.write(`output of the compiled programs:\n${output.slice(-40).join('\n')}\n`);
  });

  after(async function () {
    await Promise.all([api, worker].map((child) => child && stopChild(child)));
    fs.rmSync(outDir, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs plain node on the compiled JavaScript, no TypeScript loader, and is ready', async () => {
    for (const child of [api!, worker!]) {
      const argv = commandLine(child.proc.pid!);
      expect(argv.slice(1), child.name).to.have.length(1);
      expect(argv[1], child.name).to.match(new RegExp(`^${outDir}/.*\\.js$`));
      expect(environment(child.proc.pid!).filter((v) => v.startsWith('NODE_OPTIONS=')), child.name).to.deep.equal([]);
    }
    expect(fs.readdirSync(outDir, { recursive: true }).filter((f) => String(f).endsWith('.ts'))).to.deep.equal([]);
    expect(output.join('\n')).to.include('workflow code: the bundle npm run build made');
    expect(output.join('\n')).not.to.include('Workflow bundle created'); // the SDK's line when it runs webpack itself
    const ready = await supertest(apiUrl).get('/api/v1/readyz');
    expect(ready.status, JSON.stringify(ready.body)).to.equal(200);
    expect(ready.body).to.deep.include({ status: 'ready', temporal: 'ok', store: 'ok' });
  });

  it('offers no development users and generated no secret into the data folder', async () => {
    const page = await supertest(apiUrl).get('/masuk');
    expect(page.status).to.equal(200);
    expect(page.text).not.to.include('data-user=');
    const generated = ['jwt-secret', 'session-secret', 'grant-secret', 'pki-secret', 'payload-key', 'tracking-secret'].filter((f) => fs.existsSync(path.join(dataDir, f)));
    expect(generated).to.deep.equal([]);
  });

  it('the compiled token script refuses under production and mints no token', async () => {
    // It would mint a seeded user's token with the production secret.
    const token = await node('scripts/token.js', ['budi']);
    expect(token.code, token.output).to.equal(1);
    expect(token.output).to.include('refuses to run with NODE_ENV=production');
    expect(token.output).not.to.match(/^ey[\w-]+\.[\w-]+\.[\w-]+$/m);
  });

  it('takes a permit from submission to an issued certificate through the prebuilt workflow bundle', async () => {
    // The cluster client signs its own tokens with the configured JWT_SECRET, as the identity provider's would be.
    const apiProcess = { name: 'api', url: apiUrl, child: api, start: async () => {}, kill: async () => {} };
    const client = clusterClient({ apis: () => [apiProcess], jwtSecret: SECRET });
    const submitted = await client.submit(apiProcess, loadCatalog(CATALOG_DIR).get('reklame')!);
    const issued = await client.complete(0, submitted.id);
    expect(issued.status).to.equal('issued');
    expect(issued.certificate?.status).to.equal('valid');
    expect(issued.timeline.filter((e) => e.action === 'registered')).to.have.length(1);
  });
});
