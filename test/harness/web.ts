import type supertest from 'supertest';

/** The form token of a page: the hidden `_csrf` input every form carries. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Signs a browser-like agent (it keeps cookies) in through the development sign-in page. */
export async function signInAs(agent: supertest.Agent, userId: string): Promise<void> {
  const page = await agent.get('/masuk').expect(200);
  await agent.post('/masuk').type('form').send({ _csrf: csrfOf(page.text), userId, kembali: '/' }).expect(303);
}
