/**
 * Signing throughput on one core: RSA-2048 signatures a second through our signer path
 * (crypto.sign over a signed-attributes-sized input), one-page PDFs signed a second, real permit
 * certificates rendered and signed a second, and `openssl speed rsa2048` for comparison.
 *
 *   npm run bench:sign
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { loadavg } from 'node:os';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { composeCertificateData } from '../documents/render/certificate-layout';
import { loadCertificateLayouts, loadOffice } from '../store/certificate-layouts';
import { renderCertificatePdf } from '../documents/render/certificate-pdf';
import { buildCms } from '../documents/signing/cades-cms';
import { signPdf } from '../documents/signing/pades-sign';
import { CATALOG_DIR, loadCatalog } from '../store/catalog';
import { createRootCa, issueSignerCertificate, unlockSignerKey } from '../documents/signing/pki';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Untimed first: the JIT and the per-process tables (font metrics, prepared signer) settle, as in a running worker. */
const WARM_UP_SECONDS = 1;

/**
 * Runs `work` for SECONDS of wall time. The rate is per CPU second of this process (all its threads, so
 * the GC's helpers count against us), like `openssl speed`, which divides by its user CPU time: on a shared
 * machine, wall-clock rates would measure the neighbours.
 */
async function measure(work: () => unknown): Promise<{ count: number; perSecond: number; perWallSecond: number }> {
  const warm = performance.now() + WARM_UP_SECONDS * 1000;
  while (performance.now() < warm) await work();
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let count = 0;
  while (performance.now() < end) {
    await work();
    count++;
  }
  const used = process.cpuUsage(cpu);
  return { count, perSecond: count / ((used.user + used.system) / 1e6), perWallSecond: count / ((performance.now() - start) / 1000) };
}

function opensslRsa2048SignsPerSecond(): number {
  const r = spawnSync('openssl', ['speed', '-seconds', String(SECONDS), 'rsa2048'], { encoding: 'utf8' });
  if (r.error) throw new Error(`openssl speed failed: ${r.error.message}`);
  // "rsa 2048 bits 0.000252s 0.000016s   3964.0  61663.8" (sign, verify, sign/s, verify/s)
  const m = /^rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)/m.exec(r.stdout);
  if (!m) throw new Error(`unexpected openssl speed output:\n${r.stdout}`);
  return Number(m[1]);
}

async function main(): Promise<void> {
  const ca = createRootCa({ commonName: 'Bench Root', organization: 'Sahkan', validityYears: 1 });
  const issued = issueSignerCertificate({ ca, subject: { commonName: 'Bench Signer' }, passphrase: 'bench' });
  const key = unlockSignerKey(issued.encryptedKeyPem, 'bench');
  const certDers = [issued.certPem, ca.certPem].map((pem) => new crypto.X509Certificate(pem).raw);

  // The exact bytes our signer hands to crypto.sign.
  let signedAttrs: Buffer = Buffer.alloc(0);
  buildCms(crypto.randomBytes(32), certDers, (attrs) => {
    signedAttrs = attrs;
    return Buffer.alloc(256);
  });

  const rsa = await measure(() => crypto.sign('sha256', signedAttrs, key));

  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Surat Izin No. 503/001/2025', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const pdf = await doc.save();
  const signer = { key, certPem: issued.certPem, chainPems: [ca.certPem] };
  const pdfs = await measure(() => signPdf({ pdf, signer, signedAt: new Date() }));

  // A real reklame certificate: composed from the shipped layout, rendered with pdf-lib, then signed.
  const type = loadCatalog(CATALOG_DIR).get('reklame')!;
  const data = composeCertificateData({
    office: loadOffice(),
    layout: loadCertificateLayouts().get('reklame')!,
    type,
    permitNumber: '503/0001/REK/DPMPTSP/XI/2026',
    registrationNumber: 'REG/REK/2026/000001',
    holder: { name: 'Budi Santoso', address: 'Jl. Adisucipto No. 5, Sungai Raya' },
    fields: { billboard_type: 'baliho', size_m2: 8, face_count: 1, location: 'Jl. Arteri Supadio Km 3', duration_months: 6, ad_text: 'Toko Bangunan Maju Jaya' },
    issuedAt: new Date(),
    verificationUrl: 'https://sahkan.example.go.id/api/v1/public/verify/503%2F0001?code=ABCDEF1234',
    shortHash: 'ABCDEF1234',
    signer: { name: 'Bench Signer' },
  });
  const certificates = await measure(async () => signPdf({ pdf: await renderCertificatePdf(data), signer, signedAt: new Date() }));
  // Today's signing activity opens the encrypted key for every document (one passphrase grant each);
  // the batch path (signPdfBatch) opens it once for a day's documents, which is what the figure above measures.
  const unlockEach = await measure(async () =>
    signPdf({ pdf: await renderCertificatePdf(data), signer: { ...signer, key: unlockSignerKey(issued.encryptedKeyPem, 'bench') }, signedAt: new Date() }),
  );

  const openssl = opensslRsa2048SignsPerSecond();

  console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}, ${SECONDS} s per figure after ${WARM_UP_SECONDS} s of warm-up, per CPU second, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`signed attributes: ${signedAttrs.length} bytes; one-page PDF: ${pdf.length} bytes`);
  console.log(`RSA-2048 signatures/s (crypto.sign): ${rsa.perSecond.toFixed(0)}`);
  console.log(`PDFs signed/s (signPdf, one page): ${pdfs.perSecond.toFixed(0)}`);
  console.log(`certificates rendered+signed/s:     ${certificates.perSecond.toFixed(0)} (${certificates.perWallSecond.toFixed(0)} per wall second)`);
  console.log(`  the same, key unlocked per document: ${unlockEach.perSecond.toFixed(0)}`);
  console.log(`openssl speed rsa2048 sign/s:       ${openssl.toFixed(0)}`);
  console.log(`crypto.sign/openssl:                ${(rsa.perSecond / openssl).toFixed(2)}`);
  // The figure issue 12 asks for: whole certificates against raw RSA signatures (goal 0.20).
  console.log(
    `certificates/s ${certificates.perSecond.toFixed(0)}, openssl rsa2048 sign/s ${openssl.toFixed(0)}, ratio ${(certificates.perSecond / openssl).toFixed(3)}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
