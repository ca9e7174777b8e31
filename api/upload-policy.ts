import type { TUploadLimits } from '../documents/upload-inspect';
import type { TConfig } from '../config/env';

export interface TUploadPolicy {
  limits: TUploadLimits;
  perDay: number;
  bytesPerDay: number;
}

export const uploadPolicyFromConfig = (config: TConfig): TUploadPolicy => ({
  limits: {
    maxPdfInflatedBytes: config.SAHKAN_MAX_PDF_INFLATED_BYTES,
    maxImageSide: config.SAHKAN_MAX_IMAGE_SIDE,
    maxImagePixels: config.SAHKAN_MAX_IMAGE_PIXELS,
  },
  perDay: config.SAHKAN_UPLOADS_PER_DAY,
  bytesPerDay: config.SAHKAN_UPLOAD_BYTES_PER_DAY,
});
