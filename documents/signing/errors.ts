/** Typed errors of the signing core; callers map them by class, never by message. */

/** The passphrase does not open the signer's encrypted key. */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('wrong passphrase for the signer key');
  }
}

/** A CRL that cannot be parsed or whose signature/issuer does not match the CA. */
export class InvalidCrlError extends Error {
  override readonly name = 'InvalidCrlError';
}

/** Untrusted PDF or CMS bytes we cannot parse, or a signature form we do not support. */
export class MalformedPdfError extends Error {
  override readonly name = 'MalformedPdfError';
}
