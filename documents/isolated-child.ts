// Runs in a child process with its own memory limit (see isolated.ts): one job on untrusted bytes, answered over IPC.
import type { TIsolatedTask } from './isolated';

/** Loaded on demand, so that a child pays only for the job it runs. */
const JOBS: Record<TIsolatedTask, (input: never) => Promise<unknown>> = {
  'verify-signatures': async (input: { pdf: Uint8Array; trustedRootPems: string[]; revokedSerials: string[] }) => {
    const { verifyPdfSignatures } = await import('./signing/pades-verify');
    return verifyPdfSignatures(new Uint8Array(input.pdf), { trustedRootPems: input.trustedRootPems, revokedSerials: new Set(input.revokedSerials) });
  },
  'inspect-upload': async (input: { bytes: Uint8Array; limits: import('./upload-inspect').TUploadLimits }) => {
    const { inspectUpload } = await import('./upload-inspect');
    return inspectUpload(Buffer.from(input.bytes), input.limits);
  },
  'render-contract': async (input: import('../domain/contract-document').TContractDocument) => {
    const { renderContractPdf } = await import('./render/contract-pdf');
    return renderContractPdf(input);
  },
  'render-addendum': async (input: import('../domain/contract-document').TAddendumDocument) => {
    const { renderAddendumPdf } = await import('./render/addendum-pdf');
    return renderAddendumPdf(input);
  },
};

process.once('message', (message: { task: TIsolatedTask; input: never }) => {
  const answer = (body: object) => process.send!(body, () => process.exit(0));
  JOBS[message.task](message.input).then(
    (result) => answer({ ok: true, result }),
    (err: Error) => answer({ ok: false, error: err.name, message: err.message }),
  );
});
