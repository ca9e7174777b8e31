import { ZContractTermsSchema, type TContractTerms } from '../domain/contract.schema';
import type { TContractType } from '../domain/contract-type.schema';
import { formatAddendumNumber } from '../domain/kinds/addendum/addendum.numbering';
import { addendumKind } from '../domain/kinds/addendum/addendum.kind';
import { formatTerminationNumber, terminationNumberSeries } from '../domain/kinds/contract/termination.numbering';
import { formatDocumentNumber, officeYearMonth } from '../domain/number-template';
import { contractKind } from '../domain/kinds/contract/contract.kind';
import type { TOffice } from '../domain/certificate-layout.schema';
import { composeAddendumDocument, composeContractDocument, composeTerminationNotice } from '../documents/render/contract-compose';
import { addendumContentSha256, contractContentSha256 } from '../documents/render/approved-content';
import { renderContractPdf } from '../documents/render/contract-pdf';
import { renderAddendumPdf } from '../documents/render/addendum-pdf';
import { renderTerminationNoticePdf } from '../documents/render/termination-notice-pdf';
import { isCaseOfKind } from '../store/records.types';
import { activityFailure } from './activity-failure';
import { prepareDocument, type TPrepareDocumentDeps } from './prepare-document';
import type { TPrepareCertificateInput, TPreparedDocument, TTerminationInput } from './issuance.types';

export interface TContractDeps extends TPrepareDocumentDeps {
  contractTypes: ReadonlyMap<string, TContractType>;
  office: TOffice;
}

/** One stored version of a contract's terms, or a CaseRecordMissing failure naming it (retried: an operator can repair the store). */
async function termsOf(deps: TContractDeps, contractId: string, version: number): Promise<TContractTerms> {
  const stored = version > 0 ? await deps.records.contractVersions.get(contractId, version) : undefined;
  if (!stored) throw activityFailure('CaseRecordMissing', `contract ${contractId} has no version ${version} of its terms in the store`);
  return ZContractTermsSchema.parse(stored.terms);
}

function contractTypeOf(deps: TContractDeps, typeId: string, of: string): TContractType {
  const type = deps.contractTypes.get(typeId);
  if (!type) throw activityFailure('CatalogEntryMissing', `contract type "${typeId}" of ${of} is not in the contract-type catalog`);
  return type;
}

/**
 * The contract through the document pipeline: its number (once per contract, gapless per type and year) and
 * the agreed version of the terms as the document both parties sign.
 */
export function createPrepareContract(deps: TContractDeps) {
  return async function prepareContract(input: TPrepareCertificateInput): Promise<TPreparedDocument> {
    const found = await deps.records.getCase(input.caseId);
    const row = isCaseOfKind(found, 'contract') ? found : undefined;
    if (!row) throw activityFailure('CaseRecordMissing', `contract ${input.caseId} is missing from the store`);
    const version = row.facts.agreedVersion ?? 0;
    const terms = await termsOf(deps, input.caseId, version);
    const type = contractTypeOf(deps, row.typeId, `contract ${input.caseId}`);
    const now = officeYearMonth(new Date());
    return prepareDocument(deps, input.caseId, {
      step: contractKind.numbering.step,
      series: {
        scope: contractKind.numbering.scope({ typeCode: type.code, year: now.year, series: type.numberSeries }),
        format: (seq) => formatDocumentNumber(type.numberTemplate, { seq, year: now.year, month: now.month, typeCode: type.code }),
      },
      compose: ({ number, issuedAt, verification }) =>
        composeContractDocument({ office: deps.office, type, terms, version, number, signedOn: issuedAt, verification }),
      render: renderContractPdf,
      contentSha256: contractContentSha256,
    });
  };
}

/**
 * An addendum through the document pipeline: its number is the contract's with the addendum's sequence
 * (unique, never reused), and its table shows what changes from the terms in force.
 */
export function createPrepareAddendum(deps: TContractDeps) {
  return async function prepareAddendum(input: TPrepareCertificateInput): Promise<TPreparedDocument> {
    const found = await deps.records.getCase(input.caseId);
    const row = isCaseOfKind(found, 'addendum') ? found : undefined;
    const contractId = row?.facts.contractId ?? '';
    const [contract, contractRow] = await Promise.all([deps.records.issuance.byCase(contractId), deps.records.getCase(contractId)]);
    if (!row || !contract || !contractRow) throw activityFailure('CaseRecordMissing', `addendum ${input.caseId} has no registered contract in the store`);
    const type = contractTypeOf(deps, contractRow.typeId, `addendum ${input.caseId}`);
    const [base, next] = await Promise.all([row.facts.baseVersion, row.facts.termsVersion].map((v) => termsOf(deps, contractId, v)));
    const { sequence } = row.facts;
    return prepareDocument(deps, input.caseId, {
      step: addendumKind.numbering.step,
      series: { scope: addendumKind.numbering.scope({ typeCode: type.code, year: officeYearMonth(new Date()).year, parentNumber: contract.number }), format: () => formatAddendumNumber(contract.number, sequence) },
      compose: ({ number, issuedAt, verification }) =>
        composeAddendumDocument({
          office: deps.office,
          type,
          base: base!,
          next: next!,
          contractNumber: contract.number,
          sequence,
          justification: String(row.fields.justification ?? row.fields.title),
          number,
          signedOn: issuedAt,
          verification,
        }),
      render: renderAddendumPdf,
      contentSha256: addendumContentSha256,
    });
  };
}

/**
 * The notice that ends a contract (Surat Pemutusan Kontrak) through the document pipeline: its number is the
 * contract's with "/PUTUS", reserved once, and its date the reservation's.
 */
export function createPrepareTerminationNotice(deps: TContractDeps) {
  return async function prepareTerminationNotice(input: TTerminationInput): Promise<TPreparedDocument> {
    const [found, contract] = await Promise.all([deps.records.getCase(input.caseId), deps.records.issuance.byCase(input.caseId)]);
    const row = isCaseOfKind(found, 'contract') ? found : undefined;
    if (!row || !contract) throw activityFailure('DocumentMissing', `contract ${input.caseId} has no registered document`);
    const terms = await termsOf(deps, input.caseId, row.facts.currentVersion ?? row.facts.agreedVersion ?? 0);
    return prepareDocument(deps, input.caseId, {
      step: 'termination-number',
      series: { scope: terminationNumberSeries(contract.number), format: () => formatTerminationNumber(contract.number) },
      // The notice is not registered itself: its QR code checks the contract it ends.
      verifies: contract.number,
      compose: ({ number, issuedAt, verification }) =>
        composeTerminationNotice({
          office: deps.office,
          terms,
          noticeNumber: number,
          contractNumber: contract.number,
          contractSignedOn: new Date(contract.issuedAt),
          reason: input.reason,
          date: issuedAt,
          verification,
        }),
      render: renderTerminationNoticePdf,
    });
  };
}
