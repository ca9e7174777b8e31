import type { TLapseEvidence } from '../../domain/engine/case-lapse';
import type { TActor } from '../../domain/roles';
import { visibleCase } from '../case-access';
import type { TApiDeps } from '../deps';
import { notFound } from '../errors';

/** The evidence pack of a lapsed case as the API and the pages give it: the stored JSON, when it was recorded, and its report. */
export interface TLapseView extends TLapseEvidence {
  recordedAt: string;
  report: { sha256: string; url: string };
}

/**
 * A lapsed permit's evidence (deemed approval, issue 10 §2), for whoever may read the case (its applicant, staff
 * acting on it, an administrator); 404 for anyone else and for a case that has not lapsed. One code path for the
 * JSON API (api/routes/cases.route.ts) and the pages.
 */
export async function caseLapse(deps: TApiDeps, actor: TActor, caseId: string): Promise<TLapseView> {
  const { row } = await visibleCase(deps.records, actor, 'permit', caseId);
  const lapse = await deps.records.lapses.forCase(row.caseId);
  if (!lapse) throw notFound('lapse');
  return { ...lapse.evidence, recordedAt: lapse.recordedAt, report: { sha256: lapse.reportSha256, url: `/api/v1/cases/${encodeURIComponent(row.caseId)}/lapse.pdf` } };
}

/** The sealed report (Berita Acara Lewat Waktu Layanan) of a lapsed case, for the same readers. */
export async function caseLapseReport(deps: TApiDeps, actor: TActor, caseId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const lapse = await caseLapse(deps, actor, caseId);
  const pdf = await deps.blobs.get(lapse.report.sha256);
  if (!pdf) throw notFound('lapse report');
  const name = (lapse.registrationNumber ?? lapse.caseId).replace(/[^A-Za-z0-9]+/g, '-');
  return { fileName: `berita-acara-lewat-waktu-${name}.pdf`, pdf };
}
