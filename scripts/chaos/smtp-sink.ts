/**
 * A local SMTP server (smtp-server) that accepts every message and counts deliveries by Message-ID, for the fault
 * campaign's notice check: the workers' mail dispatchers send the outbox here (SMTP_URL).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TSmtpSink {
  url: string;
  /** Message-ID → deliveries. */
  deliveries: Map<string, number>;
  /** Messages that carried no Message-ID. */
  withoutId: number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<TSmtpSink> {
  const sink = { deliveries: new Map<string, number>(), withoutId: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
        if (id) sink.deliveries.set(id, (sink.deliveries.get(id) ?? 0) + 1);
        else sink.withoutId++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    get deliveries() {
      return sink.deliveries;
    },
    get withoutId() {
      return sink.withoutId;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
