/**
 * The largest blob the office stores (store/blob-store.ts): one row of the records database holds it whole. Uploads
 * are capped lower by SAHKAN_MAX_UPLOAD_BYTES (config/env.ts refuses a cap above this); rendered PDFs are far smaller.
 */
export const MAX_BLOB_BYTES = 64 * 1024 * 1024;
