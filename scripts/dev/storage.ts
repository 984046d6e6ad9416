import { startS3Sandbox } from "@/tests/sandboxes/s3";

/**
 * The S3 stand-in on loopback and the variables that point the storage adapter at it (the real
 * AWS SDK, path-style). The browser tests use it so uploads go browser → signed URL → "S3";
 * `npm run dev` keeps the local filesystem driver.
 */
export async function startLocalS3(options: { port: number; appOrigin: string }) {
  const sandbox = await startS3Sandbox({ port: options.port, corsOrigins: [options.appOrigin] });
  return {
    sandbox,
    env: {
      S3_BUCKET: sandbox.bucket,
      S3_ENDPOINT: sandbox.url,
      S3_REGION: sandbox.region,
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: sandbox.accessKeyId,
      S3_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
    } as Record<string, string>,
  };
}
