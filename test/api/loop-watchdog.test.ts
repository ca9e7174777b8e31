import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { createLoopWatchdog } from '../../api/loop-watchdog';

/** Busy-waits: the kind of synchronous work the watchdog must make visible. */
function hold(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

describe('request watchdog (issue 8, finding 1)', () => {
  it('logs the route of a request that held the event loop past the threshold', async () => {
    const warnings: Array<{ blockedMs: number; routes: string[] }> = [];
    const watchdog = createLoopWatchdog({ thresholdMs: 150, intervalMs: 20, logger: { warn: (obj) => void warnings.push(obj as never) } });
    const app = express();
    app.use(watchdog.middleware);
    const api = express.Router();
    api.get('/quick/:id', (_req, res) => void res.json({ ok: true }));
    api.get('/busy/:id', (_req, res) => {
      hold(400);
      res.json({ ok: true });
    });
    app.use('/api/v1', api);
    try {
      await supertest(app).get('/api/v1/quick/1').expect(200);
      await supertest(app).get('/api/v1/busy/7').expect(200);
      await new Promise((r) => setTimeout(r, 100));
      // A loaded machine may add stalls of its own; the busy route must be among the warnings, with its time.
      const busy = warnings.filter((w) => w.routes.includes('GET /api/v1/busy/:id'));
      expect(busy, JSON.stringify(warnings)).to.have.length(1);
      expect(busy[0]!.blockedMs).to.be.within(250, 5000);
    } finally {
      watchdog.stop();
    }
  });
});
