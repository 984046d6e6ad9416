import "server-only";
import { env } from "@/lib/env";
import type { StorageDriver } from "@/lib/storage/driver";
import { localDriver } from "@/lib/storage/local";
import { s3Driver } from "@/lib/storage/s3";

/**
 * The one storage adapter: S3 when S3_BUCKET is set (AWS S3, Cloudflare R2, Tigris, or the
 * tests' stand-in), otherwise the local driver under STORAGE_LOCAL_DIR.
 */

let driver: StorageDriver | null = null;

export function storage(): StorageDriver {
  driver ??= env.S3_BUCKET
    ? s3Driver({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        accessKeyId: env.S3_ACCESS_KEY_ID ?? "",
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? "",
      })
    : localDriver({ dir: env.STORAGE_LOCAL_DIR, secret: env.BETTER_AUTH_SECRET });
  return driver;
}

/** Tests point the adapter at the S3 stand-in (or back to the default with null). */
export function setStorageDriver(next: StorageDriver | null): void {
  driver = next;
}

export const localStorageSecret = () => env.BETTER_AUTH_SECRET;
