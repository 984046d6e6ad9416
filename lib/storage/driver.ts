/**
 * One storage driver behind every file Sidecar keeps: S3 (any S3 endpoint, through the AWS SDK)
 * or the local filesystem (development). Both hand out short-lived signed URLs the browser
 * uses directly; neither ever serves an object without one.
 */

export interface SignedUpload {
  url: string;
  method: "PUT";
  /** Headers the browser must send as they are: they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface StoredObjectHead {
  size: number;
  contentType: string | null;
}

export interface StorageDriver {
  readonly name: "s3" | "local";
  signUpload(key: string, file: { contentType: string; size: number }, expiresInS: number): Promise<SignedUpload>;
  signDownload(key: string, options: { expiresInS: number; filename: string; contentType: string }): Promise<string>;
  head(key: string): Promise<StoredObjectHead | null>;
  delete(key: string): Promise<void>;
}

/** `inline; filename="…"` with only safe characters (the name is already sanitised on the way in). */
export function contentDisposition(filename: string): string {
  return `inline; filename="${filename.replace(/["\\\r\n]/g, "_")}"`;
}
