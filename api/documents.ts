import type { TDocumentRef } from '../domain/case';
import type { TCaseType } from '../domain/case-type.schema';
import type { Records } from '../store/records';
import { ApiError, type TErrorDetail } from './errors';

/**
 * Resolves `{requirementId: documentId}` against a case type's document requirements: every id must name an
 * upload of this user that meets the requirement. `complete` also demands every required document.
 */
export async function resolveDocuments(
  records: Records,
  type: TCaseType,
  ownerId: string,
  given: Record<string, string>,
  mode: 'complete' | 'partial',
): Promise<Record<string, TDocumentRef>> {
  const details: TErrorDetail[] = [];
  const resolved: Record<string, TDocumentRef> = {};
  for (const [requirementId, documentId] of Object.entries(given)) {
    const path = `documents.${requirementId}`;
    const requirement = type.documents.find((d) => d.id === requirementId);
    if (!requirement) {
      details.push({ path, message: `this permit type has no document requirement "${requirementId}"` });
      continue;
    }
    const doc = await records.getDocument(documentId);
    if (!doc || doc.ownerId !== ownerId) {
      details.push({ path, message: `document ${documentId} not found` });
    } else if (!requirement.mediaTypes.includes(doc.mediaType)) {
      details.push({ path, message: `must be one of ${requirement.mediaTypes.join(', ')}, got ${doc.mediaType}` });
    } else if (doc.bytes > requirement.maxBytes) {
      details.push({ path, message: `must be at most ${requirement.maxBytes} bytes, got ${doc.bytes}` });
    } else {
      resolved[requirementId] = { id: doc.id, sha256: doc.sha256 };
    }
  }
  if (mode === 'complete') {
    for (const requirement of type.documents) {
      if (requirement.required && !(requirement.id in given)) {
        details.push({ path: `documents.${requirement.id}`, message: `required: ${requirement.label.id}` });
      }
    }
  }
  if (details.length > 0) {
    throw new ApiError('INVALID_INPUT', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return resolved;
}
