// Runs in a child process with its own memory limit: verifies an untrusted PDF and reports back over IPC.
import { verifyPdfSignatures } from './pades-verify';
import type { VerifyPdfOptions } from './pades-verify';

process.once('message', (message: { pdf: Uint8Array; options: { trustedRootPems: string[]; revokedSerials: string[] } }) => {
  try {
    const options: VerifyPdfOptions = { trustedRootPems: message.options.trustedRootPems, revokedSerials: new Set(message.options.revokedSerials) };
    process.send!({ ok: true, report: verifyPdfSignatures(new Uint8Array(message.pdf), options) }, () => process.exit(0));
  } catch (err) {
    process.send!({ ok: false, error: (err as Error).name, message: (err as Error).message }, () => process.exit(0));
  }
});
