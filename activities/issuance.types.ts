/** Inputs and results of the issuance activities; each takes one object, as every Temporal message here. */

export interface TPrepareCertificateInput {
  caseId: string;
  /** The user who will sign; their certificate's name goes into the signature block before signing. */
  signerId: string;
  /** A lapsed case deemed approved by law: its certificate says so (absent otherwise, as in older histories). */
  deemedApproved?: boolean;
}

export interface TPreparedDocument {
  number: string;
  sha256: string;
  issuedAt: string;
}

export interface TSignDocumentInput {
  caseId: string;
  /** Which signature of the case this is (`certificate`, or a party of a contract). */
  step: string;
  grantId: string;
  inputSha256: string;
}

export interface TSignedDocument {
  outputSha256: string;
  serial: string;
  signerName: string;
  signedAt: string;
}

export interface TRegisterIssuedInput {
  caseId: string;
  number: string;
  step: string;
}

export interface TNotifyInput {
  caseId: string;
  event: 'issued';
}

/** A contract's approved termination: the reason printed on the notice and kept in the register. */
export interface TTerminationInput {
  caseId: string;
  reason: string;
}
