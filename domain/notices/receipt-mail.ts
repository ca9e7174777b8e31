/** The public tracking page of a number (the PIN is typed in, never put in a link that could be forwarded or logged). */
export const trackingPath = (registrationNumber: string): string => `/lacak?nomor=${encodeURIComponent(registrationNumber)}`;

export interface TReceiptMailInput {
  applicantName: string;
  registrationNumber: string;
  /** The permit type's name in Indonesian. */
  typeName: string;
  /** The tracking PIN (domain/tracking/tracking-pin.ts): with the number it opens the tracking page without an account. */
  pin: string;
  /** The public tracking page. */
  trackUrl: string;
  /** The office that sends it (office.json's shortName). */
  office: string;
}

/** The applicant's receipt (tanda terima) by e-mail, in Indonesian: the registration number and the tracking code. */
export function receiptMail(input: TReceiptMailInput): { subject: string; body: string } {
  return {
    subject: `Permohonan Anda telah diterima: ${input.registrationNumber}`,
    body: [
      `Yth. ${input.applicantName},`,
      '',
      `Permohonan ${input.typeName} Anda telah kami terima dan terdaftar.`,
      '',
      `Nomor registrasi : ${input.registrationNumber}`,
      `PIN pelacakan    : ${input.pin}`,
      '',
      `Dengan nomor registrasi dan PIN ini siapa pun yang Anda beri dapat melihat status permohonan tanpa masuk akun: ${input.trackUrl}`,
      'Jangan bagikan PIN kepada orang yang tidak Anda percayai. Petugas kami tidak pernah meminta PIN Anda.',
      '',
      'Hormat kami,',
      input.office,
    ].join('\n'),
  };
}
