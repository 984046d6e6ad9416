/**
 * The origin browsers upload to and download from when files live in S3, for the
 * Content-Security-Policy's connect-src (the proxy reads the environment itself, so this stays
 * pure): path-style → the endpoint's origin; virtual-host style → the bucket's subdomain of the
 * endpoint (AWS S3 without an endpoint: bucket.s3.<region>.amazonaws.com). Null: the local driver.
 */
export function storageOrigin(source: Record<string, string | undefined>): string | null {
  const bucket = source.S3_BUCKET;
  if (!bucket) return null;
  const region = source.S3_REGION || "us-east-1";
  try {
    const endpoint = new URL(source.S3_ENDPOINT || `https://s3.${region}.amazonaws.com`);
    if (source.S3_FORCE_PATH_STYLE === "true") return endpoint.origin;
    return `${endpoint.protocol}//${bucket}.${endpoint.host}`;
  } catch {
    return null;
  }
}
