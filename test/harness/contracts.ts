import { expect } from 'chai';
import { DEV_SIGNER_PASSPHRASE } from '../../worker/office-pki';
import { harness } from './harness';
import { inboxTasksOf } from './api-client';

const http = () => harness().http();
const token = (user: string) => harness().token(user);

/** Realistic terms of a goods contract between the seeded PPK and vendor A (NPWP 01.234.567.8-901.234). */
export function sampleTerms(overrides: { awardDate?: string; unitPrice?: number } = {}) {
  const unitPrice = overrides.unitPrice ?? 12_500_000;
  const items = [
    { id: 'pc', description: 'Komputer desktop layanan perizinan (Core i5, RAM 16 GB, SSD 512 GB)', quantity: 10, unit: 'unit', unitPrice },
    { id: 'printer', description: 'Printer laser A4 monokrom', quantity: 4, unit: 'unit', unitPrice: 3_250_000 },
  ];
  return {
    title: 'Pengadaan Komputer Layanan Perizinan DPMPTSP',
    ppk: { name: 'Ir. Hendra Gunawan, M.T.', nip: '197805122005011003', position: 'Pejabat Pembuat Komitmen', unit: 'Dinas PUPR Kabupaten Kubu Raya' },
    vendor: {
      name: 'CV Maju Jaya',
      npwp: '01.234.567.8-901.234',
      address: 'Jl. Gajah Mada No. 88, Pontianak',
      representative: { name: 'Andi Wijaya', position: 'Direktur' },
    },
    award: { letterNumber: '027/SPPBJ/PUPR/XI/2026', date: overrides.awardDate ?? new Date().toISOString().slice(0, 10) },
    value: items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0),
    startDate: '2026-12-07',
    durationDays: 30,
    items,
  };
}


export async function openTasks(id: string, user = 'ppk') {
  const res = await http().get(`/api/v1/contracts/${id}`).set('Authorization', await token(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.openTasks as Array<{ id: string; kind: string; role: string }>;
}

export async function decide(user: string, taskId: string, body: Record<string, unknown>) {
  const res = await http().post(`/api/v1/tasks/${taskId}/decision`).set('Authorization', await token(user)).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
}

export async function draft(terms = sampleTerms()) {
  const res = await http().post('/api/v1/contracts').set('Authorization', await token('ppk')).send({ typeId: 'barang', terms });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

export async function legalApproves(id: string) {
  const task = (await openTasks(id)).find((t) => t.kind === 'review')!;
  expect(task.role).to.equal('legal:dinas-pupr');
  await decide('hukum', task.id, { outcome: 'approve', comment: 'Sesuai SBD' });
}


export async function proposeVersion(id: string, user: string, unitPrice: number) {
  const res = await http().post(`/api/v1/contracts/${id}/versions`).set('Authorization', await token(user)).send({ terms: sampleTerms({ unitPrice }) });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

/** A contract taken to `active` the short way: legal approves, the vendor proposes once, the PPK accepts, both sign. */
export async function activeContract(unitPrice = 13_500_000): Promise<string> {
  const id = await draft();
  await legalApproves(id);
  await proposeVersion(id, 'vendor-a', unitPrice);
  await decide('ppk', (await openTasks(id)).find((t) => t.kind === 'ppk_review')!.id, { outcome: 'accept' });
  await decide('vendor-a', (await openTasks(id, 'vendor-a')).find((t) => t.kind === 'guarantee')!.id, { outcome: 'submit', comment: 'JP-1' });
  await signAll(id);
  return id;
}

/** Signs every sign task of a case in order, each as the seeded user holding its role. */
export async function signAll(id: string): Promise<void> {
  const byRole: Record<string, string> = { 'vendor:012345678901234': 'vendor-a', 'ppk:dinas-pupr': 'ppk' };
  for (;;) {
    const sign = [...(await inboxTasksOf('ppk', id)), ...(await inboxTasksOf('vendor-a', id))].find((t) => t.kind === 'sign');
    if (!sign) return;
    await decide(byRole[sign.role]!, sign.id, { outcome: 'sign', passphrase: DEV_SIGNER_PASSPHRASE });
  }
}

/** Runs an addendum's review and signatures as they come up: legal, the head of office when asked, both parties. */
export async function completeAddendum(contractId: string, addendumId: string) {
  for (let i = 0; i < 100; i++) {
    const row = await harness().records.getCase(addendumId);
    if (row?.status === 'issued') {
      const detail = await http().get(`/api/v1/contracts/${contractId}`).set('Authorization', await token('ppk'));
      // The contract takes the new terms once its workflow has seen the child finish.
      if (detail.body.timeline.some((e: { action: string }) => e.action === 'amended')) return detail.body;
    }
    const reviews = (await harness().records.listTasksForCase(addendumId)).filter((t) => t.status === 'open' && t.kind === 'review');
    for (const t of reviews) await decide(t.role.startsWith('legal:') ? 'hukum' : 'kepala', t.id, { outcome: 'approve' });
    await signAll(addendumId);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the addendum did not complete');
}

/** Proposes an addendum that adds one computer (within the 10% cap) and returns its id. */
export async function proposeAddendum(contractId: string): Promise<string> {
  const detail = await http().get(`/api/v1/contracts/${contractId}`).set('Authorization', await token('ppk'));
  const items = (detail.body.currentTerms.items as Array<{ id: string; quantity: number }>).map((i) => (i.id === 'pc' ? { ...i, quantity: i.quantity + 1 } : i));
  const propose = async () =>
    http().post(`/api/v1/contracts/${contractId}/addenda`).set('Authorization', await token('ppk')).send({ justification: 'Penambahan satu unit komputer untuk gerai layanan baru', items });
  let res = await propose();
  // Just after an addendum ends (withdrawn), the contract's workflow takes a moment to see its child end.
  for (let i = 0; i < 100 && res.status === 409 && /still in progress/.test(String(res.body.error?.message)); i++) {
    await new Promise((r) => setTimeout(r, 200));
    res = await propose();
  }
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

export const TERMINATION_REASON = 'Penyedia menghentikan pekerjaan lebih dari 14 hari kalender tanpa alasan yang sah\n(1) teguran pertama tidak ditanggapi\n(2) teguran kedua tidak ditanggapi';

/** The PPK asks to terminate the contract; answers once the legal review task is open. */
export async function requestTermination(id: string, reason = TERMINATION_REASON) {
  const res = await http().post(`/api/v1/contracts/${id}/termination`).set('Authorization', await token('ppk')).send({ reason });
  expect(res.status, JSON.stringify(res.body)).to.equal(202);
  return res.body;
}

/** Legal decides the contract's open termination review. */
export async function legalDecidesTermination(id: string, outcome: 'approve' | 'reject', comment = 'Alasan pemutusan sesuai SSUK') {
  const task = (await openTasks(id)).find((t) => t.kind === 'termination_review');
  expect(task, 'an open termination review').to.not.equal(undefined);
  expect(task!.role).to.equal('legal:dinas-pupr');
  return decide('hukum', task!.id, { outcome, comment });
}
