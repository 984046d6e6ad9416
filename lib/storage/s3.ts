import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { contentDisposition, type StorageDriver } from "@/lib/storage/driver";

export interface S3DriverConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The S3 driver: AWS S3, Cloudflare R2 and Tigris differ only in endpoint, region and URL style.
 * Checksums "when required": since 3.729 the SDK adds a CRC32 checksum to every PUT by default,
 * which a presigned URL cannot carry (the browser would have to send a header it never learns).
 * Presigned PUTs sign `content-type` and `content-length`, so the store refuses any other file.
 */
export function s3Driver(config: S3DriverConfig): StorageDriver {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const Bucket = config.bucket;
  return {
    name: "s3",
    async signUpload(key, file, expiresInS) {
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: file.contentType, ContentLength: file.size });
      const url = await getSignedUrl(client, command, { expiresIn: expiresInS, signableHeaders: new Set(["content-type", "content-length"]) });
      return { url, method: "PUT", headers: { "Content-Type": file.contentType }, expiresAt: new Date(Date.now() + expiresInS * 1000) };
    },
    signDownload(key, options) {
      const command = new GetObjectCommand({ Bucket, Key: key, ResponseContentDisposition: contentDisposition(options.filename), ResponseContentType: options.contentType });
      return getSignedUrl(client, command, { expiresIn: options.expiresInS });
    },
    async head(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
      } catch (err) {
        if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
