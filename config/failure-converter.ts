import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failures (an activity's error, a failed update, a failed workflow) keep their message and stack trace in an encoded
 * attribute, a payload the codec encrypts like every other: a message may quote a field or a store error, and the
 * history must hold no personal data in the clear. Every reader decodes it (the API's client, the codec endpoint).
 * Loaded by path (FAILURE_CONVERTER_PATH) so the workflow bundle carries it too.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
