import { expect } from 'chai';
import supertest from 'supertest';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { MESSAGES } from '../../web/i18n/messages';
import { signTaskOf, submit } from '../harness/api-client';
import { harness } from '../harness/harness';
import { csrfOf, signInAs } from '../harness/web';

const keyOf = (html: string) => /name="kunci" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('page: "Tandatangani sekaligus" sent twice (page API)', function () {
  this.timeout(180_000);

  it('signs once for a double submission; the same form with other choices asks to choose again', async () => {
    const submitted = await submit('reklame', 'budi');
    const number = submitted.body.registrationNumber as string;
    const taskId = await signTaskOf(submitted.body.id);
    const agent = supertest.agent(harness().app);
    await signInAs(agent, 'kepala');
    const inbox = await agent.get('/tugas').query({ q: number }).expect(200);
    expect(inbox.text).to.include(`value="${taskId}"`);
    const form = { _csrf: csrfOf(inbox.text), kunci: keyOf(inbox.text), tugas: taskId, [`nomor-${taskId}`]: number, passphrase: DEV_SIGNER_PASSPHRASE };
    const send = (body: Record<string, string | string[]>) => agent.post(`/tugas/tandatangani-sekaligus?q=${encodeURIComponent(number)}`).type('form').send(body);

    const first = await send(form);
    expect(first.status, first.text.slice(0, 300)).to.equal(303);
    expect(first.headers.location).to.equal('/tugas/tandatangani-sekaligus/hasil');
    expect((await harness().records.getTask(taskId))?.status).to.equal('done');
    // The same form again (a double click): the first answer, nothing signed twice.
    const twice = await send(form);
    expect(twice.status).to.equal(303);
    const result = await agent.get('/tugas/tandatangani-sekaligus/hasil').expect(200);
    expect(result.text).to.include('data-batch-result="signed"').and.not.include('data-batch-result="refused"');
    // The same form with another choice: the inbox again, saying why.
    const other = await send({ ...form, tugas: [taskId, 'tugas-lain'], 'nomor-tugas-lain': number });
    expect(other.status).to.equal(422);
    expect(other.text).to.include(MESSAGES.id['tasks.batch.staleForm']);
  });
});
