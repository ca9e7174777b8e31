/**
 * Finds or builds the Temporal CLI (which embeds the development server).
 *
 * Order: TEMPORAL_CLI (must exist) → `temporal` on PATH → the cached build
 * ~/.cache/sahkan/temporal-cli/v<version>/temporal → build it once with `go install` (scripts/go-binary.ts).
 *
 * This runs before any config is loaded (the test harness and `npm start` both call it),
 * so it reads process.env directly; that is allowed in scripts/.
 */
import path from 'node:path';
import { ensureGoBinary, findGo, findOnPath, goBinaryCacheDir, isExecutable, type TGoBinary } from './go-binary';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEMPORAL_CLI: TGoBinary = {
  label: 'Temporal CLI',
  goPackage: 'github.com/temporalio/cli/cmd/temporal',
  version: TEMPORAL_CLI_VERSION,
  cacheName: 'temporal-cli',
};

export interface TEnsureTemporalCliOptions {
  log?: (line: string) => void;
}

/** The folder holding the cached build for this CLI version. */
export function temporalCliCacheDir(): string {
  return goBinaryCacheDir(TEMPORAL_CLI);
}

export async function ensureTemporalCli(opts: TEnsureTemporalCliOptions = {}): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (!isExecutable(resolved)) {
      throw new Error(`TEMPORAL_CLI is set to ${fromEnv}, but no executable file exists there`);
    }
    return resolved;
  }

  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  if (!findGo() && !isExecutable(path.join(temporalCliCacheDir(), 'temporal'))) {
    throw new Error(
      `The Temporal CLI is not installed and Go is not available to build it.\n` +
        `  Either install Go (https://go.dev/dl/) and run again — the CLI ${TEMPORAL_CLI_VERSION} is then built once into ${temporalCliCacheDir()} —\n` +
        `  or install the Temporal CLI (https://docs.temporal.io/cli) and put \`temporal\` on PATH or set TEMPORAL_CLI=/path/to/temporal,\n` +
        `  or point TEMPORAL_ADDRESS at a running Temporal server.`,
    );
  }
  return ensureGoBinary(TEMPORAL_CLI, opts);
}
