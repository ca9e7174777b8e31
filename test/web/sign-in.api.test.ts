import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/app';
import { harness } from '../harness/harness';
import { csrfOf, signInAs } from '../harness/web';

describe('web pages: layout, language, sign-in and sessions', () => {
  it('serves the home page in Bahasa Indonesia with the stylesheet, no session stored for a visit without a form', async () => {
    const res = await harness().http().get('/').expect(200).expect('Content-Type', /html/);
    expect(res.text).to.match(/^<!doctype html><html lang="id">/);
    expect(res.text).to.contain('Lewati ke konten utama').and.contain('/assets/style.css');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['set-cookie'] ?? []).to.deep.equal([]);
    await harness().http().get('/assets/style.css').expect(200).expect('Content-Type', /css/);
    await harness().http().get('/assets/fonts/noto-sans-latin-400-normal.woff2').expect(200);
  });

  it('remembers the English switch in a cookie and only returns to paths of this site', async () => {
    const agent = harness().http();
    const switched = await agent.get('/bahasa/en?kembali=%2Fmasuk').expect(303);
    expect(switched.headers.location).to.equal('/masuk');
    expect(String(switched.headers['set-cookie'])).to.match(/sahkan_lang=en;.*HttpOnly/i);
    const page = await agent.get('/masuk').expect(200);
    expect(page.text).to.contain('<html lang="en">').and.contain('Sign in');
    const away = await agent.get('/bahasa/id?kembali=%2F%2Fevil.example').expect(303);
    expect(away.headers.location).to.equal('/');
  });

  it('lists the development users by role, signs in under a new session id with a HttpOnly SameSite=Lax cookie, and signs out', async () => {
    const agent = harness().http();
    const form = await agent.get('/masuk').expect(200);
    expect(form.text).to.contain('data-user="budi"');
    const anonymousCookie = String(form.headers['set-cookie']);
    const done = await agent.post('/masuk').type('form').send({ _csrf: csrfOf(form.text), userId: 'budi', kembali: '/' }).expect(303);
    const signedInCookie = String(done.headers['set-cookie']);
    expect(signedInCookie).to.match(/sahkan\.sid=.*HttpOnly.*SameSite=Lax/i);
    expect(signedInCookie.split(';')[0]).to.not.equal(anonymousCookie.split(';')[0]);
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain('Keluar');
    await agent.post('/keluar').type('form').send({ _csrf: csrfOf(home.text) }).expect(303);
    const after = await agent.get('/').expect(200);
    expect(after.text).to.not.contain('Keluar');
  });

  it('refuses a form without its CSRF token with a 403 page, and an unknown user with a 400 page', async () => {
    const agent = harness().http();
    const refused = await agent.post('/masuk').type('form').send({ userId: 'budi' }).expect(403);
    expect(refused.text).to.contain('Formulir kedaluwarsa');
    const form = await agent.get('/masuk');
    const unknown = await agent.post('/masuk').type('form').send({ _csrf: csrfOf(form.text), userId: 'nobody' }).expect(400);
    expect(unknown.text).to.contain('Pengguna tidak dikenal');
  });

  it('the front page offers each person the places they can start from, with what each is for', async () => {
    const cardsOf = (html: string) => [...html.matchAll(/<h3 class="card-title"><a href="([^"]+)"/g)].map((m) => m[1]);
    const visitor = await harness().http().get('/').expect(200);
    expect(cardsOf(visitor.text)).to.deep.equal(['/izin', '/lacak', '/verifikasi', '/register-kontrak', '/data-terbuka']);
    expect(visitor.text).to.contain('Unggah PDF izin atau kontrak');
    const expected: Record<string, string[]> = {
      budi: ['/izin', '/permohonan', '/lacak', '/verifikasi', '/register-kontrak', '/data-terbuka'],
      rahmat: ['/tugas', '/verifikasi', '/register-kontrak', '/data-terbuka'],
      admin: ['/dasbor', '/verifikasi', '/register-kontrak', '/data-terbuka'],
      inspektur: ['/audit', '/verifikasi', '/register-kontrak', '/data-terbuka'],
    };
    for (const [userId, cards] of Object.entries(expected)) {
      const agent = harness().http();
      await signInAs(agent, userId);
      const home = await agent.get('/').expect(200);
      expect(cardsOf(home.text), userId).to.deep.equal(cards);
      expect(home.text, userId).to.not.match(/reviewer:|applicant,|Peran Anda/);
    }
  });

  it('answers an unknown page with a 404 page and an unknown API route still with JSON', async () => {
    const page = await harness().http().get('/tidak-ada').expect(404).expect('Content-Type', /html/);
    expect(page.text).to.contain('Halaman tidak ditemukan');
    // A missing asset or font is not found either, not a server error.
    for (const asset of ['/assets/tidak-ada.css', '/assets/fonts/tidak-ada.woff2']) await harness().http().get(asset).expect(404);
    const api = await harness().http().get('/api/v1/tidak-ada').expect(404).expect('Content-Type', /json/);
    expect(api.body.error.code).to.equal('NOT_FOUND');
  });
});

describe('the development sign-in form, rate-limited per address', () => {
  it('takes two sign-ins from one address in the window and answers the third with 429 and Retry-After', async () => {
    const h = harness();
    const app = createApp({ ...h.apiDeps, limits: { ...h.apiDeps.limits!, rate: { ...h.apiDeps.limits!.rate, signInPerIp: 2 } } });
    const agent = supertest.agent(app);
    // A sign-in starts a new session, with a new CSRF token: each attempt reads the form first.
    const send = async () => {
      const form = await agent.get('/masuk').expect(200);
      return agent.post('/masuk').type('form').send({ _csrf: csrfOf(form.text), userId: 'budi', kembali: '/' });
    };
    for (let i = 0; i < 2; i++) expect((await send()).status).to.equal(303);
    const refused = await send();
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
  });
});
