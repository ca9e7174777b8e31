import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startDevServer } from '../../scripts/dev-server';

async function startFailure(cli: string): Promise<Error> {
  try {
    const server = await startDevServer({ cli, headless: true, readyTimeoutMs: 20_000 });
    await server.stop();
  } catch (err) {
    expect(err).to.be.instanceOf(Error);
    return err as Error;
  }
  throw new Error('startDevServer resolved; expected it to reject');
}

describe('startDevServer start-up failures', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sahkan-dev-server-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the path when the CLI does not exist', async () => {
    const missing = join(dir, 'no-such-temporal');
    const err = await startFailure(missing);
    expect(err.message).to.equal(`Temporal CLI not found at ${missing}`);
  });

  it('reports an immediate exit with its code and the output', async () => {
    const cli = join(dir, 'temporal-that-fails');
    await writeFile(cli, '#!/bin/sh\necho boom >&2\nexit 3\n', { mode: 0o755 });
    const started = Date.now();
    const err = await startFailure(cli);
    expect(err.message).to.match(/exited during start-up \(3\)/);
    expect(err.message).to.include('boom');
    expect(err.message).to.include(cli); // the command that was run
    expect(Date.now() - started, 'rejects at once, not after the ready timeout').to.be.below(10_000);
  });
});
