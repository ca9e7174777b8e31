/**
 * `npm run build [-- --out-dir <folder>]`: the compiled program that production runs (README, "Production build").
 *   1. tsc -p tsconfig.build.json: the API, the worker, the isolated document child and the operator scripts
 *      (pki, token) as CommonJS into dist/ (or <folder>); test/ and the development launchers are left out.
 *   2. bundleWorkflowCode over workflows/ into <folder>/workflow-bundle.js, which the compiled worker runs
 *      (worker/create-worker.ts, workflowCode()).
 * The output folder must be inside the project: the compiled modules find templates/, web/assets/ and node_modules/
 * from there (project-root.ts). It is emptied first, but only if an earlier build made it (a marker file says so).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { PROJECT_ROOT } from '../project-root';
import { WORKFLOW_BUNDLE_FILE, WORKFLOW_BUNDLER_OPTIONS } from '../worker/create-worker';

const MARKER = '.sahkan-build';

function outDirOf(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: { 'out-dir': { type: 'string', default: 'dist' } } });
  const outDir = path.resolve(PROJECT_ROOT, values['out-dir']);
  const inside = path.relative(PROJECT_ROOT, outDir);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) throw new Error(`--out-dir must be a folder inside ${PROJECT_ROOT}`);
  return outDir;
}

/** Removes an earlier build; refuses a folder that holds anything else, so a wrong --out-dir cannot delete sources. */
function clean(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  const entries = fs.readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(MARKER)) throw new Error(`${outDir} is not empty and was not made by npm run build; choose another --out-dir`);
  fs.rmSync(outDir, { recursive: true, force: true });
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const outDir = outDirOf(process.argv.slice(2));
  clean(outDir);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, MARKER), 'made by npm run build (scripts/build.ts); removed by the next build\n');

  let startedAt = performance.now();
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error(`tsc failed (${tsc.status ?? tsc.signal})`);
  console.log(`compiled into ${path.relative(PROJECT_ROOT, outDir)}/ in ${seconds(startedAt)}`);

  startedAt = performance.now();
  const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLER_OPTIONS, logger: new DefaultLogger('WARN') });
  fs.writeFileSync(path.join(outDir, WORKFLOW_BUNDLE_FILE), code);
  console.log(`workflow bundle ${path.relative(PROJECT_ROOT, path.join(outDir, WORKFLOW_BUNDLE_FILE))} (${(code.length / 1024).toFixed(0)} KiB) in ${seconds(startedAt)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
