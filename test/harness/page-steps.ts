import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { SAMPLE_PDF, SAMPLE_PNG } from './sample-files';

/**
 * What a person does on the pages, step by step, for the browser stories: only clicks, typing and uploads
 * (never the JSON API). Elements are found by the ids and data attributes the pages give them, so the steps
 * work in either language.
 */

export const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: SAMPLE_PDF });
export const pngFile = (name: string) => ({ name, mimeType: 'image/png', buffer: SAMPLE_PNG });

/** The reklame form as a person fills it in (the raw text typed, by input name). */
export const REKLAME_INPUT = {
  'applicant.nik': '6112010101900001',
  'applicant.email': 'budi@example.id',
  'applicant.phone': '+62 812 5555 0101',
  'applicant.address': 'Jl. Adisucipto No. 5, Sungai Raya',
  'fields.size_m2': '8',
  'fields.face_count': '1',
  'fields.location': 'Jl. Arteri Supadio Km 3, Sungai Raya',
  'fields.duration_months': '6',
  'fields.ad_text': 'Toko Bangunan Maju Jaya',
} as const;

/** The contract draft form as a PPK fills it in (input names are the terms' paths). */
export const CONTRACT_FORM: Record<string, string> = {
  'terms.title': 'Pengadaan Komputer Layanan Perizinan DPMPTSP',
  'terms.ppk.name': 'Ir. Hendra Gunawan, M.T.',
  'terms.ppk.nip': '197805122005011003',
  'terms.ppk.position': 'Pejabat Pembuat Komitmen',
  'terms.ppk.unit': 'Dinas PUPR Kabupaten Kubu Raya',
  'terms.vendor.name': 'CV Maju Jaya',
  'terms.vendor.npwp': '01.234.567.8-901.234',
  'terms.vendor.address': 'Jl. Gajah Mada No. 88, Pontianak',
  'terms.vendor.representative.name': 'Andi Wijaya',
  'terms.vendor.representative.position': 'Direktur',
  'terms.award.letterNumber': '027/SPPBJ/PUPR/XI/2026',
  'terms.award.date': new Date().toISOString().slice(0, 10),
  'terms.value': '',
  'terms.startDate': '2026-12-07',
  'terms.durationDays': '30',
  'terms.delayPenaltyPerMille': '1',
  'terms.items.0.description': 'Komputer desktop',
  'terms.items.0.quantity': '10',
  'terms.items.0.unit': 'unit',
  'terms.items.0.unitPrice': '12.500.000',
  'terms.items.1.description': 'Printer laser A4',
  'terms.items.1.quantity': '4',
  'terms.items.1.unit': 'unit',
  'terms.items.1.unitPrice': '3.250.000',
};

/** `#f-fields-size_m2` for `fields.size_m2`: the id the pages give the input of a field path. */
export const inputOf = (path: string) => `#f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** Types text into the inputs named by path (clearing what was there). */
export async function typeInto(page: Page, values: Record<string, string>): Promise<void> {
  for (const [path, value] of Object.entries(values)) await page.locator(inputOf(path)).fill(value);
}

/** From the permit catalogue to the reklame form (signed in as an applicant). */
export async function openReklameForm(page: Page): Promise<void> {
  await page.goto('/izin');
  await page.locator('[data-permit-type="reklame"] a').click();
  await page.waitForURL('**/izin/reklame');
  await page.locator('a[href="/izin/reklame/ajukan"]').click();
  await page.waitForURL('**/izin/reklame/ajukan');
}

/** Fills the whole reklame form with valid input and the three required uploads. */
export async function fillReklameForm(page: Page): Promise<void> {
  await typeInto(page, REKLAME_INPUT);
  await page.locator(inputOf('fields.billboard_type')).selectOption('baliho');
  await page.locator(inputOf('fields.illuminated')).check();
  await page.locator(inputOf('documents.ktp')).setInputFiles(pdfFile('ktp.pdf'));
  await page.locator(inputOf('documents.design')).setInputFiles(pngFile('desain.png'));
  await page.locator(inputOf('documents.site_photo')).setInputFiles(pdfFile('lokasi.pdf'));
}

/**
 * Clicks a submit button and waits for the page the form's answer leads to. Generous: an answer may wait for
 * upload checks in a child process or for a workflow update on a loaded machine.
 */
export async function submitAndWait(page: Page, button: string): Promise<void> {
  // The new document's DOM, not its 'load': a task page's inline PDF preview may keep loading.
  // Scrolled into view first and a moment to settle: chromium routes a click right after a scroll by hit-test data
  // that may predate it, and a framed PDF viewer (an out-of-process frame) above the button then takes the click.
  const target = page.locator(button);
  await target.scrollIntoViewIfNeeded({ timeout: 90_000 });
  await page.evaluate('new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)))').catch(() => undefined);
  await page.waitForTimeout(100);
  const answered = page.waitForEvent('domcontentloaded', { timeout: 90_000 });
  answered.catch(() => undefined); // a click that fails says why itself, below
  await target.click({ timeout: 90_000 });
  await answered;
}

/** Review, submit, and the answer page's registration number. */
export async function reviewAndSubmit(page: Page): Promise<string> {
  await submitAndWait(page, '[data-action="continue"]');
  expect(new URL(page.url()).pathname, await errorSummaryText(page)).to.equal('/izin/reklame/ajukan/periksa');
  await submitAndWait(page, '[data-action="submit-application"]');
  const number = (await page.locator('[data-registration-number]').innerText()).trim();
  expect(number).to.match(/^REG\/REK\/\d{4}\/\d{6}$/);
  return number;
}

export async function errorSummaryText(page: Page): Promise<string> {
  const summary = page.locator('[data-error-summary]');
  return (await summary.count()) > 0 ? await summary.innerText() : '(no error summary)';
}

/**
 * The reviewer's way to a case's task: the inbox searched by the registration number (`?q=`, typed into the
 * filter form; type and stage chosen too when given), then the card that shows the number (the search matches a
 * part, so "next" is followed if ever needed). Opens the task page and returns the task's id.
 */
export async function openTaskFromInbox(page: Page, registrationNumber: string, filters: { jenis?: string; tahap?: string } = {}): Promise<string> {
  await page.goto('/tugas');
  await page.locator(inputOf('q')).fill(registrationNumber);
  if (filters.jenis) await page.locator('select[name="jenis"]').selectOption(filters.jenis);
  if (filters.tahap) await page.locator('select[name="tahap"]').selectOption(filters.tahap);
  await submitAndWait(page, 'form.filters button[type="submit"]');
  for (let pages = 0; pages < 50; pages++) {
    const card = page.locator('li[data-task-id]', { hasText: registrationNumber });
    if ((await card.count()) > 0) {
      const taskId = (await card.first().getAttribute('data-task-id'))!;
      await Promise.all([page.waitForURL(`**/tugas/${taskId}`, { waitUntil: 'domcontentloaded' }), card.first().locator('h3 a').click()]);
      return taskId;
    }
    const next = page.locator('nav.pagination a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForEvent('domcontentloaded'), next.click()]);
  }
  throw new Error(`no task for ${registrationNumber} in the inbox of ${page.url()}`);
}

/** On a task page: choose the outcome, write the comment, send; waits for the task page's answer. */
export async function decide(page: Page, outcome: 'approve' | 'request_changes' | 'reject', comment = ''): Promise<void> {
  await page.locator(`#outcome-${outcome}`).check();
  if (comment) await page.locator(inputOf('comment')).fill(comment);
  await submitAndWait(page, '#decision-form button[type="submit"]');
  await page.locator('[data-notice]').waitFor();
}

/** The reviewer finds the case's task in the inbox and decides it. */
export async function decideFromInbox(
  page: Page,
  registrationNumber: string,
  filters: { jenis?: string; tahap?: string },
  outcome: 'approve' | 'request_changes' | 'reject',
  comment = '',
): Promise<void> {
  await openTaskFromInbox(page, registrationNumber, filters);
  await decide(page, outcome, comment);
}

/**
 * In a paged list (previous/next links), the first link matching `link` in a row that shows `text`, followed
 * page by page through "next"; opens it. Other suites fill the same lists.
 */
export async function openFromPagedList(page: Page, link: string, text: string): Promise<void> {
  for (let pages = 0; pages < 200; pages++) {
    const row = page.locator('tr, li, article', { hasText: text }).filter({ has: page.locator(link) });
    if ((await row.count()) > 0) {
      await Promise.all([page.waitForEvent('domcontentloaded'), row.first().locator(link).first().click()]);
      return;
    }
    const next = page.locator('nav.pagination a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForEvent('domcontentloaded'), next.click()]);
  }
  throw new Error(`no ${link} for ${text} in the list at ${page.url()}`);
}
