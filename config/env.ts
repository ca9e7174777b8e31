import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Each process calls loadConfig() once at start-up;
 * a bad value stops it with a message naming the variable.
 */
const ZEnvSchema = z.object({
  SAHKAN_DATA_DIR: z.string().min(1).default('./data'),
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
  SAHKAN_HOLIDAYS: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})(,\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates')
    .optional(),
  SAHKAN_MAX_NEGOTIATION_ROUNDS: z.coerce.number().int().min(0).max(20).default(3),
  SAHKAN_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Printed in QR codes; defaults to this machine's API port. */
  SAHKAN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The request watchdog logs a warning when the event loop was held longer than this (milliseconds). */
  SAHKAN_LOOP_BLOCK_WARN_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outgoing mail (`smtp://user:pass@host:port` or `smtps://…`); unset keeps notifications in the outbox table. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, hostname: /./, error: 'must be an smtp://… or smtps://… URL' }).optional(),
  SMTP_FROM: z.string().min(1).default('DPMPTSP Kabupaten Kubu Raya <noreply@dpmptsp.kuburayakab.go.id>'),
});

export type TConfig = z.infer<typeof ZEnvSchema> & { dataDir: string; SAHKAN_PUBLIC_URL: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(parsed.data.TEMPORAL_TLS_CERT) !== Boolean(parsed.data.TEMPORAL_TLS_KEY)) {
    throw new Error('Invalid configuration:\n  TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.SAHKAN_DATA_DIR),
    SAHKAN_PUBLIC_URL: (parsed.data.SAHKAN_PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ''),
  };
}
