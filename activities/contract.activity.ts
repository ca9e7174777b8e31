import { ZContractTermsSchema } from '../domain/contract.schema';
import { contractNumberSeries, type TContractType } from '../domain/contract-type.schema';
import { formatPermitNumber, officeYearMonth } from '../domain/permit-number';
import type { TOffice } from '../domain/certificate-layout.schema';
import { composeAddendumDocument, composeContractDocument, composeTerminationNotice } from '../documents/render/contract-compose';
import { renderContractPdf } from '../documents/render/contract-pdf';
import { renderAddendumPdf } from '../documents/render/addendum-pdf';
import { renderTerminationNoticePdf } from '../documents/render/termination-notice-pdf';
import { verificationCode, verificationUrl } from '../documents/render/verification-code';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import { isCaseOfKind } from '../store/records.types';
import { activityFailure } from './activity-failure';
import type { TPrepareCertificateInput, TPreparedDocument, TTerminationInput } from './issuance.types';

export interface TContractDeps {
  records: Records;
  blobs: BlobStore;
  contractTypes: ReadonlyMap<string, TContractType>;
  office: TOffice;
  publicUrl: string;
}

/**
 * Reserves the contract number (once per contract, gapless per type and year) and renders the agreed
 * version of the terms as the document both parties sign. Deterministic: a retry stores the same bytes.
 */
export function createPrepareContract(deps: TContractDeps) {
  return async function prepareContract(input: TPrepareCertificateInput): Promise<TPreparedDocument> {
    const found = await deps.records.getCase(input.caseId);
    const row = isCaseOfKind(found, 'contract') ? found : undefined;
    const version = row?.facts.agreedVersion ?? 0;
    const stored = row && version > 0 ? await deps.records.contractVersions.get(input.caseId, version) : undefined;
    if (!row || !stored) throw activityFailure('CaseRecordMissing', `contract ${input.caseId} has no agreed terms in the store`);
    const type = deps.contractTypes.get(row.typeId);
    if (!type) throw activityFailure('CatalogEntryMissing', `contract type "${row.typeId}" of contract ${input.caseId} is not in the contract-type catalog`);
    const terms = ZContractTermsSchema.parse(stored.terms);

    const now = officeYearMonth(new Date());
    const reservation = await deps.records.issuance.reserveNumber(
      `${input.caseId}:contract-number`,
      contractNumberSeries(type, now.year),
      (seq) => formatPermitNumber(type.numberTemplate, { seq, year: now.year, month: now.month, typeCode: type.code }),
    );
    const code = verificationCode(input.caseId, reservation.number);
    const document = composeContractDocument({
      office: deps.office,
      type,
      terms,
      version,
      number: reservation.number,
      signedOn: new Date(reservation.reservedAt),
      verification: { url: verificationUrl(deps.publicUrl, reservation.number, code), code },
    });
    const { sha256 } = await deps.blobs.put(Buffer.from(await renderContractPdf(document)));
    return { number: reservation.number, sha256, issuedAt: reservation.reservedAt };
  };
}

/**
 * Renders an addendum for signature: its number is the contract's with the addendum's sequence (unique, never
 * reused), and its table shows what changes from the terms in force. Deterministic, like the contract.
 */
export function createPrepareAddendum(deps: TContractDeps) {
  return async function prepareAddendum(input: TPrepareCertificateInput): Promise<TPreparedDocument> {
    const found = await deps.records.getCase(input.caseId);
    const row = isCaseOfKind(found, 'addendum') ? found : undefined;
    const contractId = row?.facts.contractId ?? '';
    const [contract, contractRow] = await Promise.all([deps.records.issuance.byCase(contractId), deps.records.getCase(contractId)]);
    if (!row || !contract || !contractRow) throw activityFailure('CaseRecordMissing', `addendum ${input.caseId} has no registered contract in the store`);
    const type = deps.contractTypes.get(contractRow.typeId);
    if (!type) throw activityFailure('CatalogEntryMissing', `contract type "${contractRow.typeId}" of addendum ${input.caseId} is not in the contract-type catalog`);
    const [base, next] = await Promise.all(
      [row.facts.baseVersion, row.facts.termsVersion].map(async (v) => ZContractTermsSchema.parse((await deps.records.contractVersions.get(contractId, v))!.terms)),
    );
    const { sequence } = row.facts;
    const reservation = await deps.records.issuance.reserveNumber(`${input.caseId}:addendum-number`, `ADDENDUM/${contract.number}`, () => `${contract.number}/ADD-${sequence}`);
    const code = verificationCode(input.caseId, reservation.number);
    const document = composeAddendumDocument({
      office: deps.office,
      type,
      base: base!,
      next: next!,
      contractNumber: contract.number,
      sequence,
      justification: String(row.fields.justification ?? row.fields.title),
      number: reservation.number,
      signedOn: new Date(reservation.reservedAt),
      verification: { url: verificationUrl(deps.publicUrl, reservation.number, code), code },
    });
    const { sha256 } = await deps.blobs.put(Buffer.from(await renderAddendumPdf(document)));
    return { number: reservation.number, sha256, issuedAt: reservation.reservedAt };
  };
}

/**
 * Renders the notice that ends a contract (Surat Pemutusan Kontrak) and stores it. Its number is the
 * contract's with "/PUTUS", reserved once; its date is the reservation's, so a retry stores the same bytes.
 */
export function createPrepareTerminationNotice(deps: TContractDeps) {
  return async function prepareTerminationNotice(input: TTerminationInput): Promise<TPreparedDocument> {
    const [found, contract] = await Promise.all([deps.records.getCase(input.caseId), deps.records.issuance.byCase(input.caseId)]);
    const row = isCaseOfKind(found, 'contract') ? found : undefined;
    const inForce = row?.facts.currentVersion ?? row?.facts.agreedVersion ?? 0;
    const stored = row && inForce > 0 ? await deps.records.contractVersions.get(input.caseId, inForce) : undefined;
    if (!row || !contract || !stored) {
      throw activityFailure('DocumentMissing', `contract ${input.caseId} has no registered document or terms in force`);
    }
    const reservation = await deps.records.issuance.reserveNumber(`${input.caseId}:termination-number`, `TERMINATION/${contract.number}`, () => `${contract.number}/PUTUS`);
    const document = composeTerminationNotice({
      office: deps.office,
      terms: ZContractTermsSchema.parse(stored.terms),
      noticeNumber: reservation.number,
      contractNumber: contract.number,
      contractSignedOn: new Date(contract.issuedAt),
      reason: input.reason,
      date: new Date(reservation.reservedAt),
    });
    const { sha256 } = await deps.blobs.put(Buffer.from(await renderTerminationNoticePdf(document)));
    return { number: reservation.number, sha256, issuedAt: reservation.reservedAt };
  };
}
