/**
 * A throwaway PostgreSQL server from Debian's `postgresql` package (scripts/ensure-tools.cjs installs it):
 * `initdb` into a temporary folder, `pg_ctl start` on a free port of 127.0.0.1, stopped (and the folder
 * removed) by `stop()`. Used by the tests (the store suites on both dialects) and by the local cluster shape.
 *
 * PostgreSQL refuses to run as root: as root the server runs as the `postgres` user the Debian package creates.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './dev-server';

export interface TPostgresOptions {
  /** Data folder; omitted: a new temporary folder, removed by `stop()`. A given folder is kept. */
  dataDir?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /**
   * Trade durability for speed (fsync, synchronous commit and full page writes off): for tests, never for a
   * server whose crash recovery is under test.
   */
  ephemeral?: boolean;
  /** More than the default 100 when many pools connect at once. */
  maxConnections?: number;
  log?: (line: string) => void;
}

export interface TPostgresInstance {
  host: string;
  port: number;
  dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication on the loopback only). */
  url(database?: string): string;
  /** Runs SQL as the superuser on the `postgres` database (psql, one statement per call). */
  psql(sql: string, database?: string): string;
  /** Creates an empty database (optionally from a template) and returns its URL. */
  createDatabase(name: string, template?: string): string;
  dropDatabase(name: string): void;
  /** `pg_ctl stop` (fast: active sessions are ended) and start again on the same port and data. */
  restart(): void;
  /** The first half of restart(): a fast shutdown, the data kept, for start() to bring back (a fault campaign's outage). */
  shutdown(): void;
  /** Starts a server stopped by shutdown() again on the same port and data. */
  start(): void;
  /** Stops the server (fast shutdown); removes the data folder when it was a temporary one. Idempotent. */
  stop(): void;
}

/** The folder of initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/<ver>/bin. */
export function postgresBinDir(): string {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch {
    // no pg_config (it comes with libpq-dev): look where Debian puts the server
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => has(path.join(root, v, 'bin'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed (no initdb): run `node scripts/ensure-tools.cjs` or `apt-get install postgresql`');
  return path.join(root, newest, 'bin');
}

/** As root: the uid and gid of the `postgres` user, whom the server runs as. Otherwise undefined (run as ourselves). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` user (Debian\'s postgresql package creates it)');
  }
}

const HOST = '127.0.0.1';

export async function startPostgres(options: TPostgresOptions = {}): Promise<TPostgresInstance> {
  const bin = postgresBinDir();
  const user = serverUser();
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-pg-'));
  const logFile = path.join(dataDir, 'server.log');
  const port = options.port || (await freePort());
  const run = (cmd: string, args: string[], extra: SpawnSyncOptions = {}) => {
    const result = spawnSync(path.join(bin, cmd), args, { encoding: 'utf8', ...user, cwd: dataDir, ...extra });
    if (result.status !== 0) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new Error(`${cmd} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${String(result.stderr ?? '')}${tail}`);
    }
    return String(result.stdout ?? '');
  };
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  const cluster = path.join(dataDir, 'cluster');
  if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) {
    fs.mkdirSync(cluster, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(cluster, user.uid, user.gid);
    // Binary collation (text orders as in SQLite: ids, ISO timestamps), Unicode character classes for lower().
    run('initdb', ['-D', cluster, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--lc-collate=C', '--lc-ctype=C.UTF-8', '--no-instructions']);
  }
  const settings = [
    `-p ${port}`,
    `-c listen_addresses=${HOST}`,
    // The socket in the data folder: /var/run/postgresql may not exist or belong to another server.
    `-k ${dataDir}`,
    `-c max_connections=${options.maxConnections ?? 200}`,
    ...(options.ephemeral ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const start = () => run('pg_ctl', ['-D', cluster, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
  const stopServer = () => run('pg_ctl', ['-D', cluster, '-m', 'fast', '-w', '-t', '60', 'stop']);
  start();
  options.log?.(`[postgres] ${cluster} on ${HOST}:${port}`);

  const url = (database = 'postgres') => `postgres://postgres@${HOST}:${port}/${database}`;
  const psql = (sql: string, database = 'postgres') =>
    execFileSync(path.join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url(database), '-c', sql], { encoding: 'utf8' });
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    return name;
  };
  let running = true;
  return {
    host: HOST,
    port,
    dataDir,
    url,
    psql,
    createDatabase(name, template) {
      psql(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
      return url(name);
    },
    dropDatabase(name) {
      psql(`drop database if exists ${ident(name)} with (force)`);
    },
    restart() {
      stopServer();
      start();
    },
    shutdown: stopServer,
    start,
    stop() {
      if (!running) return;
      running = false;
      try {
        stopServer();
      } finally {
        if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
