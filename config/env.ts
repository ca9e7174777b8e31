import path from 'node:path';
import { z } from 'zod';
import type { TThrottleConfig } from '../domain/attempt-throttle';
import { MAX_BLOB_BYTES } from '../domain/blob-limit';
import { ZPayloadKeysSchema } from './payload-codec';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const CLAIM_PATH = /^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/;
/** The IdP's address: https, or plain http to this machine only. */
function httpsOrLoopback(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname));
}
const OIDC_OPTIONAL = ['SAHKAN_OIDC_CLIENT_SECRET', 'SAHKAN_OIDC_ROLES_CLAIM', 'SAHKAN_OIDC_USER_CLAIM', 'SAHKAN_OIDC_AUDIENCE'] as const;

/**
 * The one place that reads process.env. Each process calls loadConfig() once at start-up;
 * a bad value stops it with a message naming the variable.
 */
const ZEnvSchema = z.object({
  /** `production`: secrets and the public URL must be configured, development users are refused (productionProblems). */
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  SAHKAN_DATA_DIR: z.string().min(1).default('./data'),
  /** `postgres://user:pass@host:port/db` selects PostgreSQL for the records; unset: SQLite in <data dir>/records.db. */
  SAHKAN_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres://… or postgresql://… URL' }).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_CLI: z.string().min(1).optional(),
  SAHKAN_TASK_QUEUE: z.string().min(1).default('sahkan'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  SAHKAN_GRANT_SECRET: z.string().min(32, 'SAHKAN_GRANT_SECRET must be at least 32 characters').optional(),
  SAHKAN_SESSION_SECRET: z.string().min(32, 'SAHKAN_SESSION_SECRET must be at least 32 characters').optional(),
  SAHKAN_PKI_SECRET: z.string().min(32, 'SAHKAN_PKI_SECRET must be at least 32 characters').optional(),
  /** Derives applicants' tracking PINs; changing it changes every PIN already sent. */
  SAHKAN_TRACKING_SECRET: z.string().min(32, 'SAHKAN_TRACKING_SECRET must be at least 32 characters').optional(),
  /** `id:base64key,…` (32-byte AES keys, the last encrypts); unset: one key generated into the data folder. */
  SAHKAN_PAYLOAD_KEYS: ZPayloadKeysSchema.optional(),
  /** The Temporal Web UI's origin, the only one allowed to call the codec endpoint from a browser; unset: none. */
  SAHKAN_CODEC_CORS_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'must be an origin (scheme://host[:port]), no path')
    .transform((u) => new URL(u).origin)
    .optional(),
  SAHKAN_HOLIDAYS: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})(,\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates')
    .optional(),
  SAHKAN_MAX_NEGOTIATION_ROUNDS: z.coerce.number().int().min(0).max(20).default(3),
  // An upload is one row of the blobs table, whose rows are bounded (store/blob-store.ts).
  SAHKAN_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().max(MAX_BLOB_BYTES, `SAHKAN_MAX_UPLOAD_BYTES is at most ${MAX_BLOB_BYTES}`).default(10 * 1024 * 1024),
  /** Uploads each user may store in any 24 hours, by count and by bytes. */
  SAHKAN_UPLOADS_PER_DAY: z.coerce.number().int().positive().default(100),
  SAHKAN_UPLOAD_BYTES_PER_DAY: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** A PDF whose compressed streams inflate past this is refused as a bomb. */
  SAHKAN_MAX_PDF_INFLATED_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  /** Images: at most this many pixels a side and in all. */
  SAHKAN_MAX_IMAGE_SIDE: z.coerce.number().int().positive().max(65_535).default(12_000),
  SAHKAN_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(25_000_000),
  /** Printed in QR codes; defaults to this machine's API port. */
  SAHKAN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The request watchdog logs a warning when the event loop was held longer than this (milliseconds). */
  SAHKAN_LOOP_BLOCK_WARN_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Rate limits per window (429 with Retry-After beyond them); generous, tighten them behind a public gateway. */
  SAHKAN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  SAHKAN_RATE_WRITES_PER_USER: z.coerce.number().int().min(1).default(300),
  SAHKAN_RATE_WRITES_PER_IP: z.coerce.number().int().min(1).default(1200),
  SAHKAN_RATE_PUBLIC_LOOKUPS_PER_IP: z.coerce.number().int().min(1).default(600),
  SAHKAN_RATE_VERIFY_UPLOADS_PER_IP: z.coerce.number().int().min(1).default(30),
  SAHKAN_RATE_SIGN_IN_PER_IP: z.coerce.number().int().min(1).default(20),
  /** Wrong tracking PINs (and unknown numbers) per address and hour, besides the throttle per number. */
  SAHKAN_RATE_TRACKING_GUESSES_PER_IP: z.coerce.number().int().min(1).default(20),
  /** Passphrase guesses per signer: free failures, then a doubling delay, then a lock. */
  SAHKAN_PASSPHRASE_FREE_FAILURES: z.coerce.number().int().min(0).max(20).default(3),
  SAHKAN_PASSPHRASE_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  SAHKAN_PASSPHRASE_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(6),
  SAHKAN_PASSPHRASE_LOCK_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(15 * 60),
  /**
   * Development users (config/dev-users.json) get signer certificates under the development passphrase at worker
   * start. Off unless set: a production configuration never has them; `npm start` sets it for local use.
   */
  SAHKAN_DEV_USERS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Sign-in through the regency's identity provider (OpenID Connect). The issuer must be https (plain http only on
   * localhost, for tests and a provider on the same machine); the client id comes with it. Unset: no IdP sign-in.
   */
  SAHKAN_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'must be an https:// URL' })
    .refine(httpsOrLoopback, 'must be an https:// URL (http only for localhost)')
    .optional(),
  SAHKAN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset: a public client (PKCE only, no client authentication). */
  SAHKAN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the IdP puts our role strings (`applicant`, `reviewer:dinas-pupr`): a claim name or a dotted path. Default `roles`. */
  SAHKAN_OIDC_ROLES_CLAIM: z.string().regex(CLAIM_PATH, 'a claim name or a dotted path such as realm_access.roles').optional(),
  /** The claim whose value is the office's user id (tasks and case access use it). Default `sub`. */
  SAHKAN_OIDC_USER_CLAIM: z.string().regex(CLAIM_PATH, 'a claim name or a dotted path').optional(),
  /** The `aud` the API requires of Bearer tokens from the IdP. Default: the client id. */
  SAHKAN_OIDC_AUDIENCE: z.string().min(1).optional(),
  /**
   * The Bearer token a scraper must send to the API's /metrics. Unset: /metrics answers only requests from this
   * machine that no proxy forwarded (api/metrics/metrics-access.ts).
   */
  SAHKAN_METRICS_TOKEN: z.string().min(32, 'SAHKAN_METRICS_TOKEN must be at least 32 characters').optional(),
  /** The worker's Temporal SDK metrics (Prometheus, `/metrics`) on this port; unset: not exported. */
  SAHKAN_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The worker's own metrics (signing latency, process) on this port; unset: not exported. */
  SAHKAN_WORKER_APP_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * Case workflows the worker keeps in memory between their steps; one evicted (the least recently used) replays its
   * history at its next step. Bounds the worker's memory however many cases are open (README "Performance").
   */
  SAHKAN_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(20),
  /** Workflow tasks the worker runs at once (at most SAHKAN_WORKER_MAX_CACHED_WORKFLOWS). */
  SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(10),
  /** The V8 old space of the worker's workflow thread, in MB (worker/workflow-heap.ts); it must hold the cached workflows. */
  SAHKAN_WORKER_WORKFLOW_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(128),
  /** Where both worker metrics ports listen: loopback unless a scraper on another machine needs them. */
  SAHKAN_WORKER_METRICS_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' }).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outgoing mail (`smtp://user:pass@host:port` or `smtps://…`); unset keeps notifications in the outbox table. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, hostname: /./, error: 'must be an smtp://… or smtps://… URL' }).optional(),
  /** Unset: the office's own name and address from templates/certificates/office.json. */
  SMTP_FROM: z.string().min(1).optional(),
}).superRefine((env, ctx) => {
  for (const [variable, message] of productionProblems(env)) ctx.addIssue({ code: 'custom', path: [variable], message });
});

/**
 * What NODE_ENV=production refuses: development users (anyone could sign in as one of them) and a public URL left to
 * the localhost default (it is printed in every certificate's QR code). Its secrets are required where they are read
 * (config/secrets.ts), since each process needs only its own.
 */
function productionProblems(env: { NODE_ENV: string; SAHKAN_DEV_USERS: boolean; SAHKAN_PUBLIC_URL?: string }): Array<[string, string]> {
  if (env.NODE_ENV !== 'production') return [];
  const problems: Array<[string, string]> = [];
  if (env.SAHKAN_DEV_USERS) problems.push(['SAHKAN_DEV_USERS', 'development users cannot be enabled with NODE_ENV=production']);
  if (!env.SAHKAN_PUBLIC_URL) problems.push(['SAHKAN_PUBLIC_URL', 'required with NODE_ENV=production (it is printed in the QR code of every certificate)']);
  return problems;
}

export type TConfig = z.infer<typeof ZEnvSchema> & {
  dataDir: string;
  SAHKAN_PUBLIC_URL: string;
  /** What openRecords opens: SAHKAN_DATABASE_URL, else the SQLite file in the data folder. */
  recordsLocation: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(parsed.data.TEMPORAL_TLS_CERT) !== Boolean(parsed.data.TEMPORAL_TLS_KEY)) {
    throw new Error('Invalid configuration:\n  TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');
  }
  const oidc = parsed.data;
  if (oidc.SAHKAN_OIDC_ISSUER && !oidc.SAHKAN_OIDC_CLIENT_ID) {
    throw new Error('Invalid configuration:\n  SAHKAN_OIDC_CLIENT_ID: required when SAHKAN_OIDC_ISSUER is set');
  }
  const stray = [...OIDC_OPTIONAL, 'SAHKAN_OIDC_CLIENT_ID' as const].find((name) => oidc[name] !== undefined);
  if (!oidc.SAHKAN_OIDC_ISSUER && stray) {
    throw new Error(`Invalid configuration:\n  SAHKAN_OIDC_ISSUER: required when ${stray} is set (the OIDC settings come together or not at all)`);
  }
  if (parsed.data.SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS > parsed.data.SAHKAN_WORKER_MAX_CACHED_WORKFLOWS) {
    throw new Error('Invalid configuration:\n  SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed SAHKAN_WORKER_MAX_CACHED_WORKFLOWS (each running task holds its workflow in the cache)');
  }
  const { SAHKAN_WORKER_METRICS_PORT: sdkPort, SAHKAN_WORKER_APP_METRICS_PORT: appPort } = parsed.data;
  if (sdkPort !== undefined && sdkPort === appPort) {
    throw new Error('Invalid configuration:\n  SAHKAN_WORKER_METRICS_PORT and SAHKAN_WORKER_APP_METRICS_PORT must differ');
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.SAHKAN_DATA_DIR),
    recordsLocation: parsed.data.SAHKAN_DATABASE_URL ?? path.join(path.resolve(parsed.data.SAHKAN_DATA_DIR), 'records.db'),
    SAHKAN_PUBLIC_URL: (parsed.data.SAHKAN_PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ''),
  };
}

/** Requests per window and key, for api/rate-limits.ts. */
export interface TRateLimits {
  windowMs: number;
  writesPerUser: number;
  writesPerIp: number;
  publicLookupsPerIp: number;
  verifyUploadsPerIp: number;
  signInPerIp: number;
  /** Per hour, whatever `windowMs` is. */
  trackingGuessesPerIp: number;
}

/** The API's limits from the configuration: rate limits per window and the passphrase throttle. */
export interface TApiLimits {
  rate: TRateLimits;
  passphrase: TThrottleConfig;
}

export function apiLimitsOf(config: TConfig): TApiLimits {
  return {
    rate: {
      windowMs: config.SAHKAN_RATE_WINDOW_SECONDS * 1000,
      writesPerUser: config.SAHKAN_RATE_WRITES_PER_USER,
      writesPerIp: config.SAHKAN_RATE_WRITES_PER_IP,
      publicLookupsPerIp: config.SAHKAN_RATE_PUBLIC_LOOKUPS_PER_IP,
      verifyUploadsPerIp: config.SAHKAN_RATE_VERIFY_UPLOADS_PER_IP,
      signInPerIp: config.SAHKAN_RATE_SIGN_IN_PER_IP,
      trackingGuessesPerIp: config.SAHKAN_RATE_TRACKING_GUESSES_PER_IP,
    },
    passphrase: {
      freeFailures: config.SAHKAN_PASSPHRASE_FREE_FAILURES,
      baseDelayMs: config.SAHKAN_PASSPHRASE_DELAY_MS,
      maxFailures: config.SAHKAN_PASSPHRASE_MAX_FAILURES,
      lockMs: config.SAHKAN_PASSPHRASE_LOCK_SECONDS * 1000,
    },
  };
}

/** Sign-in through the regency's identity provider, with the defaults filled in; undefined when not configured. */
export interface TOidcSettings {
  issuer: string;
  clientId: string;
  /** Undefined: a public client, PKCE only. */
  clientSecret?: string;
  rolesClaim: string;
  userClaim: string;
  /** The `aud` of Bearer tokens the API accepts. */
  audience: string;
}

export function oidcSettingsOf(config: TConfig): TOidcSettings | undefined {
  if (!config.SAHKAN_OIDC_ISSUER || !config.SAHKAN_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: config.SAHKAN_OIDC_ISSUER,
    clientId: config.SAHKAN_OIDC_CLIENT_ID,
    clientSecret: config.SAHKAN_OIDC_CLIENT_SECRET,
    rolesClaim: config.SAHKAN_OIDC_ROLES_CLAIM ?? 'roles',
    userClaim: config.SAHKAN_OIDC_USER_CLAIM ?? 'sub',
    audience: config.SAHKAN_OIDC_AUDIENCE ?? config.SAHKAN_OIDC_CLIENT_ID,
  };
}
