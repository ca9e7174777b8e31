/**
 * Sends the notifications that activities wrote to the outbox table (store/outbox.ts) over SMTP.
 *
 * Delivery is at-least-once: a message is marked sent only after the SMTP server accepted it, so a crash
 * (or a failed `markSent`) between the two sends it again on the next pass. Each message carries a Message-ID
 * derived from its outbox key, so a repeated send has the same Message-ID and mail clients can fold the two.
 * Several worker processes with SMTP_URL set each run a dispatcher: each claims the messages of its batch for
 * LEASE_MS before sending them (store/outbox.ts `claim`), so a message goes out through one of them only; the
 * claims of a dispatcher that died expire and its messages are sent by another.
 *
 * A failed send increments the message's `attempts` and is tried again after a growing delay (kept in memory:
 * a restarted worker retries at once). After MAX_ATTEMPTS the dispatcher gives up on a message: it stays in the
 * table, unsent, with its last error, for an operator.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { NodemailerError, Transporter } from 'nodemailer';
import type { Outbox, TOutboxMessage } from '../store/outbox';

/** Failed attempts after which a message is left for an operator. */
export const MAX_ATTEMPTS = 10;
/** Messages sent per pass (at most). */
export const BATCH_SIZE = 20;
/** How long a dispatcher holds the messages of its batch: far more than sending BATCH_SIZE messages takes. */
export const LEASE_MS = 5 * 60_000;
/** Rows read per pass at most, unsent messages that are given up or waiting to retry included. */
const MAX_WINDOW = 5_000;

/** The pino-compatible subset the dispatcher logs through. */
export interface TMailLog {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export interface TMailDispatcherOptions {
  outbox: Pick<Outbox, 'pending' | 'claim' | 'release' | 'markSent' | 'markFailed'>;
  transport: Transporter;
  /** The From header: SMTP_FROM, or the office's short name and mail address (office.json). */
  from: string;
  /** Pause between passes (default 5 s). */
  intervalMs?: number;
  log: TMailLog;
  /** Delay before a failed message is tried again, given its attempts so far (default 30 s doubling, at most 1 h). */
  retryDelayMs?: (attempts: number) => number;
}

export interface TMailDispatcher {
  /** Stops the timer and waits for the message being sent, if any. Safe to call more than once. */
  stop(): Promise<void>;
  /** Runs one pass now (after the one in progress, if any) and returns how many messages were sent. */
  flush(): Promise<number>;
}

/** The Message-ID of an outbox message: derived from its key, so a message sent again carries the same one. */
export const outboxMessageId = (key: string, domain: string): string => `<${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;

/** The domain of the From address, for Message-IDs. */
export const messageIdDomainOf = (from: string): string => /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'sahkan.invalid';

const defaultRetryDelayMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

export function startMailDispatcher(options: TMailDispatcherOptions): TMailDispatcher {
  const { outbox, transport, from, log } = options;
  const intervalMs = options.intervalMs ?? 5_000;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const messageIdDomain = messageIdDomainOf(from);
  /** Outbox key → earliest time (ms) of its next attempt, for messages that failed in this process. */
  const retryAt = new Map<string, number>();
  const reportedGivenUp = new Set<string>();
  /** Whose claims these are (store/outbox.ts): one name per dispatcher, in logs and in the outbox rows. */
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  /** One pass at a time: every pass is chained after the previous one. */
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };

  /** Up to BATCH_SIZE messages that are due: not given up, not waiting for a retry. */
  async function due(): Promise<{ batch: TOutboxMessage[]; givenUp: number }> {
    const now = Date.now();
    for (let window = BATCH_SIZE; ; window *= 2) {
      const rows = await outbox.pending(window);
      const givenUp = rows.filter((m) => m.attempts >= MAX_ATTEMPTS);
      for (const m of givenUp) {
        if (reportedGivenUp.has(m.key)) continue;
        reportedGivenUp.add(m.key);
        log.warn({ key: m.key, attempts: m.attempts }, 'mail: gave up on a message; it stays unsent in the outbox');
      }
      const batch = rows
        .filter((m) => m.attempts < MAX_ATTEMPTS && (retryAt.get(m.key) ?? 0) <= now)
        .slice(0, BATCH_SIZE);
      // Old unsent rows that are skipped must not hide newer mail: read further while they fill the window.
      if (batch.length === BATCH_SIZE || rows.length < window || window >= MAX_WINDOW) {
        return { batch, givenUp: givenUp.length };
      }
    }
  }

  async function pass(): Promise<{ sent: number; full: boolean }> {
    const { batch, givenUp } = await due();
    const claimed = await outbox.claim(batch.map((m) => m.key), owner, LEASE_MS);
    let sent = 0;
    let failed = 0;
    let transportDown = false;
    for (const m of batch) {
      if (stopped) break;
      if (!claimed.delete(m.key)) continue; // another dispatcher took it a moment ago
      try {
        await transport.sendMail({
          from,
          to: m.recipient,
          subject: m.subject,
          text: m.body,
          messageId: outboxMessageId(m.key, messageIdDomain),
        });
      } catch (err) {
        failed++;
        const e = err as NodemailerError;
        const attempts = m.attempts + 1;
        const message = e instanceof Error ? e.message : String(err);
        const retry = attempts >= MAX_ATTEMPTS ? undefined : Date.now() + retryDelayMs(attempts);
        await outbox.markFailed(m.key, message, retry === undefined ? undefined : new Date(retry));
        if (retry === undefined) {
          retryAt.delete(m.key);
          reportedGivenUp.add(m.key);
        } else {
          retryAt.set(m.key, retry);
        }
        log.warn(
          { key: m.key, attempts, code: e.code, responseCode: e.responseCode, error: redactAddresses(message) },
          attempts >= MAX_ATTEMPTS ? 'mail: send failed for the last time; giving up' : 'mail: send failed; will retry',
        );
        // A rejected envelope or message concerns this message only; anything else (connection refused, DNS, TLS,
        // authentication, 421) would fail the rest of the batch the same way and cost each of them an attempt.
        if (!isMessageLevel(e)) {
          transportDown = true;
          break;
        }
        continue;
      }
      // Sent: from here on a failure must not count as a failed delivery (it would be sent again, see above).
      retryAt.delete(m.key);
      await outbox.markSent(m.key);
      sent++;
    }
    await outbox.release([...claimed], owner); // the rest of the batch, left by a stop or a transport failure
    if (sent || failed) {
      log.info({ sent, failed, givenUp, transportDown }, `mail: sent ${sent}, failed ${failed}`);
    }
    return { sent, full: sent === BATCH_SIZE };
  }

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      exclusive(pass).then(
        ({ full }) => schedule(full ? 0 : intervalMs), // a backlog goes out without waiting
        (err: unknown) => {
          log.error({ error: err instanceof Error ? err.message : String(err) }, 'mail: dispatch pass failed');
          schedule(intervalMs);
        },
      );
    }, delayMs);
  };
  schedule(intervalMs);
  log.info({ intervalMs, maxAttempts: MAX_ATTEMPTS }, 'mail: dispatcher started');

  let stopping: Promise<void> | undefined;
  return {
    flush: () => (stopped ? Promise.reject(new Error('mail dispatcher is stopped')) : exclusive(pass).then((r) => r.sent)),
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
        await tail;
        log.info({}, 'mail: dispatcher stopped');
      })();
      return stopping;
    },
  };
}

/** The server answered about this message (recipient or content refused), rather than the connection failing. */
function isMessageLevel(e: NodemailerError): boolean {
  return (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.responseCode !== 421;
}

/** SMTP replies often quote the recipient: keep the domain, hide the mailbox (personal data stays out of logs). */
function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'@,;:]+@([^\s<>"'@,;:]+)/g, '***@$1');
}
