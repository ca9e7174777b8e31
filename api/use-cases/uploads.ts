import crypto from 'node:crypto';
import type { TMediaType } from '../../domain/case-type.schema';
import type { TActor } from '../../domain/roles';
import { inspectUploadIsolated } from '../../documents/inspect-isolated';
import type { TApiDeps } from '../deps';
import { ApiError } from '../errors';

const DAY_MS = 86_400_000;

/** At most `perDay` uploads and `bytesPerDay` bytes per user in any 24 hours; past that, 429 until the oldest ages out. */
async function enforceDailyQuota(deps: TApiDeps, userId: string, incomingBytes: number): Promise<void> {
  const used = await deps.records.uploadsSince(userId, new Date(Date.now() - DAY_MS));
  const { perDay, bytesPerDay } = deps.uploads;
  if (used.count + 1 > perDay || used.bytes + incomingBytes > bytesPerDay) {
    const freedAt = used.oldestAt ? Date.parse(used.oldestAt) + DAY_MS : Date.now() + DAY_MS;
    throw new ApiError(
      'UPLOAD_QUOTA_EXCEEDED',
      `daily upload quota reached (${used.count} of ${perDay} files, ${used.bytes} of ${bytesPerDay} bytes in the last 24 hours)`,
      undefined,
      Math.max(1, Math.ceil((freedAt - Date.now()) / 1000)),
    );
  }
}

/**
 * Verdicts of files already accepted, by sha256, per upload policy: the same bytes are not parsed twice
 * (bounded, newest kept).
 */
const acceptedByPolicy = new WeakMap<object, Map<string, TMediaType>>();
const ACCEPTED_KEPT = 1_000;

export interface TUploadedDocument {
  id: string;
  sha256: string;
  bytes: number;
  mediaType: TMediaType;
  name: string;
}

/**
 * Stores an upload in the content-addressed blob store after its content was checked in an isolated child
 * (PDF, PNG or JPEG, judged by parsing); cases then refer to it by id and sha256. One path for
 * `POST /documents` and the application form's uploads.
 */
export async function uploadDocument(deps: TApiDeps, actor: TActor, file: { buffer: Buffer; originalname?: string; size: number }): Promise<TUploadedDocument> {
  await enforceDailyQuota(deps, actor.userId, file.size);
  let accepted = acceptedByPolicy.get(deps.uploads);
  if (!accepted) acceptedByPolicy.set(deps.uploads, (accepted = new Map()));
  const digest = crypto.createHash('sha256').update(file.buffer).digest('hex');
  let mediaType = accepted.get(digest);
  if (!mediaType) {
    const verdict = await inspectUploadIsolated(file.buffer, deps.uploads.limits);
    if (!verdict.accepted) {
      const detail = [{ path: 'file', message: verdict.reason }];
      if (verdict.refusal === 'UNSUPPORTED_FILE') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `file: ${verdict.reason}`, detail);
      throw new ApiError(verdict.refusal, `file: ${verdict.reason}`, detail);
    }
    mediaType = verdict.mediaType;
    if (accepted.size >= ACCEPTED_KEPT) accepted.delete(accepted.keys().next().value!);
    accepted.set(digest, mediaType);
  }
  const { sha256, bytes } = await deps.blobs.put(file.buffer);
  const meta = {
    id: crypto.randomBytes(12).toString('hex'),
    ownerId: actor.userId,
    sha256,
    bytes,
    mediaType,
    name: (file.originalname || 'document').replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200),
    createdAt: new Date().toISOString(),
  };
  await deps.records.saveDocument(meta);
  return { id: meta.id, sha256, bytes, mediaType, name: meta.name };
}
