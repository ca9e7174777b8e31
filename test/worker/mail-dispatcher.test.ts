import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { openRecords, type Records } from '../../store/records';
import { DIALECTS, testDatabase } from '../harness/databases';
import { MAX_ATTEMPTS, startMailDispatcher, type TMailDispatcher, type TMailLog } from '../../worker/mail-dispatcher';

const FROM = 'DPMPTSP Kabupaten Kubu Raya <noreply@dpmptsp.kuburayakab.go.id>';

interface TReceived {
  mailFrom: string;
  rcptTo: string[];
  headers: Map<string, string>;
  subject: string;
  body: string;
}

interface TSmtp {
  port: number;
  received: TReceived[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1, plain text, no authentication; `reject` refuses those recipients with a 550. */
async function startSmtp(port = 0, reject: readonly string[] = []): Promise<TSmtp> {
  const received: TReceived[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.includes(address.address)) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(parse(Buffer.concat(chunks).toString('latin1'), session.envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Just enough MIME for a single-part text message: unfolded headers, encoded words, QP or base64 body. */
function parse(
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
): TReceived {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const bodyBytes = Buffer.from(raw.slice(split + 4), 'latin1');
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    cte === 'quoted-printable'
      ? decodeQp(bodyBytes.toString('latin1'))
      : cte === 'base64'
        ? Buffer.from(bodyBytes.toString('latin1'), 'base64').toString('utf8')
        : bodyBytes.toString('utf8');
  return {
    mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    rcptTo: envelope.rcptTo.map((r) => r.address),
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    body: body.replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}

function decodeQp(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQp(data.replace(/_/g, ' ')),
    );
}

function recordingLog(): TMailLog & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    void lines.push(JSON.stringify({ level, msg, ...fields }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

async function refusedPort(): Promise<number> {
  const smtp = await startSmtp();
  await smtp.close();
  return smtp.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mail dispatcher (real SMTP server)', () => {
  let records: Records;
  let smtp: TSmtp | undefined;
  let dispatcher: TMailDispatcher | undefined;

  beforeEach(async () => {
    records = await openRecords(':memory:');
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
    await smtp?.close();
    smtp = undefined;
    await records.close();
  });

  const start = (port: number, log: TMailLog = recordingLog(), extra: { intervalMs?: number; retryDelayMs?: () => number } = {}) =>
    startMailDispatcher({
      outbox: records.outbox,
      transport: nodemailer.createTransport(`smtp://127.0.0.1:${port}`),
      from: FROM,
      intervalMs: extra.intervalMs ?? 3_600_000, // passes run through flush() unless a test asks for the timer
      retryDelayMs: extra.retryDelayMs,
      log,
    });

  it('sends each pending message once, in UTF-8 plain text, and marks it sent', async () => {
    smtp = await startSmtp();
    await records.outbox.enqueue({
      key: 'case-1:issued',
      caseId: 'case-1',
      recipient: 'budi@example.id',
      subject: 'Izin Anda telah terbit – 503/0001/REK/DPMPTSP/XI/2026',
      body: 'Yth. Budi Santoso,\nIzin Anda telah terbit.\n\nSalam hormat — DPMPTSP Kabupaten Kubu Raya',
    });
    await records.outbox.enqueue({
      key: 'case-2:registered',
      caseId: 'case-2',
      recipient: 'siti.aminah@example.id',
      subject: 'Permohonan diterima: REG/PBG/2026/000002',
      body: 'Permohonan Anda telah kami terima dan sedang diperiksa.',
    });
    dispatcher = start(smtp.port);

    expect(await dispatcher.flush()).to.equal(2);

    expect(smtp.received).to.have.length(2);
    const byRecipient = new Map(smtp.received.map((m) => [m.rcptTo.join(','), m]));
    const budi = byRecipient.get('budi@example.id');
    const siti = byRecipient.get('siti.aminah@example.id');
    expect(budi, 'mail to budi').to.not.equal(undefined);
    expect(siti, 'mail to siti').to.not.equal(undefined);
    expect(budi!.mailFrom).to.equal('noreply@dpmptsp.kuburayakab.go.id');
    expect(budi!.headers.get('from')).to.equal(FROM);
    expect(budi!.headers.get('to')).to.equal('budi@example.id');
    expect(budi!.headers.get('content-type')).to.match(/^text\/plain; charset=utf-8$/i);
    expect(budi!.subject).to.equal('Izin Anda telah terbit – 503/0001/REK/DPMPTSP/XI/2026');
    expect(budi!.body).to.equal('Yth. Budi Santoso,\nIzin Anda telah terbit.\n\nSalam hormat — DPMPTSP Kabupaten Kubu Raya');
    expect(siti!.subject).to.equal('Permohonan diterima: REG/PBG/2026/000002');
    expect(siti!.body).to.equal('Permohonan Anda telah kami terima dan sedang diperiksa.');
    // The Message-ID comes from the outbox key: a repeated send (at-least-once) carries the same one.
    expect(budi!.headers.get('message-id')).to.match(/^<[0-9a-f]{32}@dpmptsp\.kuburayakab\.go\.id>$/);
    expect(budi!.headers.get('message-id')).to.not.equal(siti!.headers.get('message-id'));

    for (const caseId of ['case-1', 'case-2']) {
      const [m] = await records.outbox.forCase(caseId);
      expect(m!.sentAt, caseId).to.be.a('string');
      expect(m!.attempts).to.equal(0);
    }
    expect(await records.outbox.pending()).to.deep.equal([]);

    expect(await dispatcher.flush()).to.equal(0);
    expect(smtp.received).to.have.length(2);
  });

  it('runs one pass at a time: concurrent flushes send nothing twice', async () => {
    smtp = await startSmtp();
    for (const n of [1, 2, 3]) {
      await records.outbox.enqueue({ key: `k${n}`, caseId: `c${n}`, recipient: `r${n}@example.id`, subject: 's', body: 'b' });
    }
    dispatcher = start(smtp.port);
    const counts = await Promise.all([dispatcher.flush(), dispatcher.flush(), dispatcher.flush()]);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(3);
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).to.deep.equal(['r1@example.id', 'r2@example.id', 'r3@example.id']);
  });

  it('sends on its own every interval and stops cleanly', async () => {
    smtp = await startSmtp();
    dispatcher = start(smtp.port, recordingLog(), { intervalMs: 20 });
    await records.outbox.enqueue({ key: 'k', caseId: 'c', recipient: 'a@example.id', subject: 'Izin Anda telah terbit', body: 'b' });
    for (let i = 0; i < 250 && smtp.received.length === 0; i++) await sleep(20);
    expect(smtp.received).to.have.length(1);
    await dispatcher.stop();
    await dispatcher.stop(); // twice is fine
    await records.outbox.enqueue({ key: 'k2', caseId: 'c', recipient: 'a@example.id', subject: 's', body: 'b' });
    await sleep(100);
    expect(smtp.received).to.have.length(1);
    let error: unknown;
    await dispatcher.flush().catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/stopped/);
  });

  it('marks a message failed when the server is down, waits, and sends it once the server is back', async () => {
    const port = await refusedPort();
    await records.outbox.enqueue({
      key: 'case-3:issued',
      caseId: 'case-3',
      recipient: 'budi@example.id',
      subject: 'Izin Anda telah terbit',
      body: 'Izin Anda telah terbit.',
    });
    await records.outbox.enqueue({ key: 'case-3:other', caseId: 'case-3', recipient: 'budi@example.id', subject: 's', body: 'b' });
    const log = recordingLog();
    dispatcher = start(port, log, { retryDelayMs: () => 300 });

    expect(await dispatcher.flush()).to.equal(0);
    const afterFailure = await records.outbox.forCase('case-3');
    // A connection failure ends the pass: the first message pays an attempt, the second is not tried.
    expect(afterFailure.map((m) => [m.key, m.attempts, m.sentAt])).to.have.deep.members([
      ['case-3:issued', 1, null],
      ['case-3:other', 0, null],
    ]);
    const failed = afterFailure.find((m) => m.attempts === 1)!;
    expect(failed.lastError).to.match(/ECONNREFUSED/);

    // The failed one waits for its retry delay; the other goes at the next pass (which fails again: still down).
    expect(await dispatcher.flush()).to.equal(0);
    expect((await records.outbox.forCase('case-3')).map((m) => m.attempts).sort()).to.deep.equal([1, 1]);

    smtp = await startSmtp(port);
    expect(await dispatcher.flush()).to.equal(0); // both still waiting
    await sleep(350);
    expect(await dispatcher.flush()).to.equal(2);
    expect(smtp.received.map((m) => m.subject).sort()).to.deep.equal(['Izin Anda telah terbit', 's']);
    for (const m of await records.outbox.forCase('case-3')) {
      expect(m.sentAt, m.key).to.be.a('string');
      expect(m.attempts, m.key).to.equal(1);
    }
    // Logs carry keys and counts, not recipients.
    expect(log.lines.join('\n')).to.include('case-3:issued').and.not.include('budi@example.id');
  });

  it('goes on with the batch when the server refuses one recipient, and keeps the address out of the logs', async () => {
    smtp = await startSmtp(0, ['ditolak@example.id']);
    await records.outbox.enqueue({ key: 'bad', caseId: 'c', recipient: 'ditolak@example.id', subject: 's', body: 'b' });
    await records.outbox.enqueue({ key: 'good', caseId: 'c', recipient: 'diterima@example.id', subject: 's', body: 'b' });
    const log = recordingLog();
    dispatcher = start(smtp.port, log);

    expect(await dispatcher.flush()).to.equal(1);
    expect(smtp.received.map((m) => m.rcptTo)).to.deep.equal([['diterima@example.id']]);
    const byKey = new Map((await records.outbox.forCase('c')).map((m) => [m.key, m]));
    expect(byKey.get('good')!.sentAt).to.be.a('string');
    expect(byKey.get('bad')!.sentAt).to.equal(null);
    expect(byKey.get('bad')!.attempts).to.equal(1);
    expect(byKey.get('bad')!.lastError).to.match(/550/);
    const logged = log.lines.join('\n');
    expect(logged).to.include('"key":"bad"').and.include('550');
    expect(logged).to.not.include('ditolak@example.id').and.not.include('diterima@example.id');
  });

  it(`leaves a message alone after ${MAX_ATTEMPTS} failed attempts, without holding up newer mail`, async () => {
    smtp = await startSmtp();
    // More given-up messages than one batch, all older than the new one.
    for (let n = 0; n < 25; n++) {
      const key = `old-${n}`;
      await records.outbox.enqueue({ key, caseId: 'old', recipient: `old${n}@example.id`, subject: 's', body: 'b' });
      for (let a = 0; a < MAX_ATTEMPTS; a++) await records.outbox.markFailed(key, 'refused');
    }
    await sleep(5);
    await records.outbox.enqueue({ key: 'new', caseId: 'new', recipient: 'new@example.id', subject: 'Izin Anda telah terbit', body: 'b' });
    const log = recordingLog();
    dispatcher = start(smtp.port, log);

    expect(await dispatcher.flush()).to.equal(1);
    expect(smtp.received.map((m) => m.rcptTo)).to.deep.equal([['new@example.id']]);
    const old = await records.outbox.forCase('old');
    expect(old).to.have.length(25);
    expect(old.every((m) => m.sentAt === null && m.attempts === MAX_ATTEMPTS)).to.equal(true);
    expect(log.lines.filter((l) => l.includes('gave up'))).to.have.length(25); // once each
    expect(await dispatcher.flush()).to.equal(0);
    expect(log.lines.filter((l) => l.includes('gave up'))).to.have.length(25);
  });
});

/** Two workers with SMTP_URL set: on PostgreSQL each dispatcher has its own store (connection pool), as two processes would. */
for (const dialect of DIALECTS) describe(`mail dispatchers of two workers on one outbox (${dialect})`, () => {
  it('send every message exactly once between them, racing pass for pass', async () => {
    const database = await testDatabase(dialect, { migrated: true });
    const first = await openRecords(database.location);
    const second = dialect === 'postgres' ? await openRecords(database.location) : first;
    const smtp = await startSmtp();
    const dispatchers = [first, second].map((records) =>
      startMailDispatcher({ outbox: records.outbox, transport: nodemailer.createTransport(`smtp://127.0.0.1:${smtp.port}`), from: FROM, intervalMs: 3_600_000, log: recordingLog() }),
    );
    try {
      const keys = Array.from({ length: 30 }, (_, i) => `case-${i}:registered`);
      for (const key of keys) await first.outbox.enqueue({ key, caseId: key.split(':')[0]!, recipient: `${key.split(':')[0]}@example.id`, subject: 'Permohonan diterima', body: key });
      let sent = 0;
      while ((await first.outbox.pending(100)).length > 0) {
        const counts = await Promise.all(dispatchers.map((d) => d.flush()));
        sent += counts.reduce((x, y) => x + y, 0);
      }
      expect(sent).to.equal(keys.length);
      expect(smtp.received.map((m) => m.body).sort()).to.deep.equal([...keys].sort()); // each once, none twice
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await smtp.close();
      await first.close();
      if (second !== first) await second.close();
      await database.dispose();
    }
  });
});
