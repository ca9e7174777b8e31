import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/env';
import { loadGrantKey } from '../../config/secrets';
import { openRecords } from '../../store/records';
import type { Records } from '../../store/records';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { SAMPLE_PDF, signTaskOf, submit } from '../harness/api-client';
import { harness } from '../harness/harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('guessing and flooding: passphrase throttle and rate limits', function () {
  this.timeout(180_000);

  describe('passphrase attempts per signer (store-backed)', () => {
    const throttle = { freeFailures: 2, baseDelayMs: 2000, maxFailures: 4, lockMs: 5000 };
    let second: Records;
    after(async () => {
      // Leave the head of office unlocked for the suites that follow.
      await harness().records.security.attemptSucceeded('kepala');
      await second?.close();
    });

    it('answers 15 quick wrong guesses with a growing delay, locks the signer with a clear message and an event, then lets the right passphrase through only after the lock', async () => {
      const { apiDeps } = harness();
      const app = createApp({ ...apiDeps, limits: { rate: apiDeps.limits!.rate, passphrase: throttle } });
      // A second API process on the same records database (another connection), as after a restart.
      const config = loadConfig({ SAHKAN_DATA_DIR: harness().dataDir });
      second = await openRecords(harness().recordsLocation, { grantKey: loadGrantKey(config) });
      const otherProcess = createApp({ ...apiDeps, records: second, limits: { rate: apiDeps.limits!.rate, passphrase: throttle } });
      const submitted = await submit('reklame', 'budi');
      const taskId = await signTaskOf(submitted.body.id);
      const kepala = await harness().token('kepala');
      const sign = (target: typeof app, passphrase: string) =>
        supertest(target).post(`/api/v1/tasks/${taskId}/decision`).set('Authorization', kepala).send({ outcome: 'sign', passphrase });

      // 15 wrong guesses as fast as they come: only the free ones are judged, the rest wait.
      const quick: number[] = [];
      for (let i = 0; i < 15; i++) quick.push((await sign(app, `salah-${i}`)).status);
      expect(quick.slice(0, 2)).to.deep.equal([403, 403]);
      expect(quick.slice(2).every((s) => s === 429), JSON.stringify(quick)).to.equal(true);
      const early = await sign(app, DEV_SIGNER_PASSPHRASE);
      expect(early.status, 'the right passphrase during the delay is not even tried').to.equal(429);
      expect(Number(early.headers['retry-after'])).to.be.within(1, 2);
      expect(early.body.error.code).to.equal('TOO_MANY_REQUESTS');
      expect(early.body.error.message).to.match(/coba lagi setelah .* WIB/).and.match(/try again after/);

      // Guessing on, honouring Retry-After: the delay doubles, then the signer is locked out.
      const waits: number[] = [];
      let res = early;
      for (let i = 0; i < 10 && res.status !== 423; i++) {
        if (res.status === 429) {
          waits.push(Number(res.headers['retry-after']));
          await sleep(Number(res.headers['retry-after']) * 1000);
        }
        res = await sign(app, `salah-lagi-${i}`);
      }
      expect(res.status, JSON.stringify(res.body)).to.equal(423);
      expect(res.body.error.code).to.equal('LOCKED');
      expect(res.body.error.message).to.match(/dikunci/).and.match(/locked/);
      expect(Number(res.headers['retry-after'])).to.be.within(1, 5);
      // The wait grew between the judged guesses (2 s, then 4 s).
      expect(waits.length).to.equal(2);
      expect(waits[1]).to.be.greaterThan(waits[0]!);

      // The lock holds for the right passphrase, in this process and in another one.
      const locked = await sign(app, DEV_SIGNER_PASSPHRASE);
      expect(locked.status).to.equal(423);
      const elsewhere = await sign(otherProcess, DEV_SIGNER_PASSPHRASE);
      expect(elsewhere.status).to.equal(423);
      expect(elsewhere.headers['retry-after']).to.match(/^\d+$/);
      expect((await harness().records.getTask(taskId))?.status).to.equal('open');

      // The administrator sees the event; nobody else does.
      const events = await harness().http().get('/api/v1/admin/security-events').set('Authorization', await harness().token('admin'));
      expect(events.status).to.equal(200);
      const event = events.body.items.find((e: { userId: string; kind: string }) => e.userId === 'kepala' && e.kind === 'passphrase_locked');
      expect(event, JSON.stringify(events.body)).to.not.equal(undefined);
      expect(event.detail.failures).to.equal(throttle.maxFailures);
      expect(JSON.stringify(events.body)).to.not.include('salah');
      const refused = await harness().http().get('/api/v1/admin/security-events').set('Authorization', kepala);
      expect(refused.status).to.equal(403);

      // After the lock the right passphrase signs.
      await sleep(Number(locked.headers['retry-after']) * 1000 + 200);
      const signed = await sign(otherProcess, DEV_SIGNER_PASSPHRASE);
      expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
      expect(signed.body.case.status).to.equal('issued');
    });
  });

  describe('rate limits (a separate app with low limits)', () => {
    const rate = { windowMs: 60_000, writesPerUser: 3, writesPerIp: 5, publicLookupsPerIp: 4, verifyUploadsPerIp: 2, signInPerIp: 2, trackingGuessesPerIp: 2 };
    const low = () => createApp({ ...harness().apiDeps, limits: { rate, passphrase: harness().apiDeps.limits!.passphrase } });

    const expect429 = (res: supertest.Response) => {
      expect(res.status, JSON.stringify(res.body)).to.equal(429);
      expect(res.body.error.code).to.equal('TOO_MANY_REQUESTS');
      expect(res.body.error.message).to.match(/coba lagi dalam \d+ detik/).and.match(/try again in \d+ s/);
      expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
    };

    it('limits token-guarded writes per user and per address, not reads', async () => {
      const app = low();
      const budi = await harness().token('budi');
      const siti = await harness().token('siti');
      const write = (auth: string) => supertest(app).post('/api/v1/documents').set('Authorization', auth).attach('file', SAMPLE_PDF, 'a.pdf');
      for (let i = 0; i < 3; i++) expect((await write(budi)).status).to.equal(201);
      expect429(await write(budi));
      // Another user from the same address still writes, until the address's limit.
      expect((await write(siti)).status).to.equal(201);
      expect429(await write(siti)); // 5 writes from this address
      // Reads are not limited here.
      for (let i = 0; i < 8; i++) expect((await supertest(app).get('/api/v1/permits').set('Authorization', budi)).status).to.equal(200);
    });

    it('limits public lookups and verification uploads per address', async () => {
      const app = low();
      for (let i = 0; i < 4; i++) expect((await supertest(app).get('/api/v1/public/verify/503-0000-X')).status).to.equal(404);
      expect429(await supertest(app).get('/api/v1/public/contracts'));
      for (let i = 0; i < 2; i++) expect((await supertest(app).post('/api/v1/public/verify').field('note', 'no file')).status).to.equal(400);
      expect429(await supertest(app).post('/api/v1/public/verify').attach('file', SAMPLE_PDF, 'x.pdf'));
    });

    it('limits wrong tracking PINs per address, counting only refused lookups', async () => {
      const app = low();
      const { id, registrationNumber: number } = (await submit('reklame')).body;
      const pin = harness().records.trackingPin(id);
      expect((await supertest(app).get('/api/v1/public/track').query({ number, pin })).status).to.equal(200); // not counted
      const wrongPin = pin.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
      expect((await supertest(app).get('/api/v1/public/track').query({ number, pin: wrongPin })).status).to.equal(404);
      expect((await supertest(app).get('/api/v1/public/track').query({ number: 'REG/REK/1999/999999', pin })).status).to.equal(404);
      // A third guess from this address, at any number and even with the right PIN, waits for the hour to pass.
      const refused = await supertest(app).get('/api/v1/public/track').query({ number, pin });
      expect(refused.status, JSON.stringify(refused.body)).to.equal(429);
      expect(refused.body.error.message).to.match(/PIN pelacakan yang salah/).and.match(/wrong tracking PINs/);
      expect(Number(refused.headers['retry-after'])).to.be.within(61, 3600);
    });

    it('leaves the shared test app unthrottled under a burst', async () => {
      const statuses = await Promise.all(Array.from({ length: 50 }, () => harness().http().get('/api/v1/public/contracts')));
      expect(statuses.every((r) => r.status === 200)).to.equal(true);
    });
  });
});
