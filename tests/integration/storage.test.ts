import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma, resetDatabase } from "../support/db";
import { actAs, signInAs } from "../support/auth";
import { seedAgency, type SeededAgency } from "../support/tenants";
import { startS3Sandbox, type S3Sandbox } from "../sandboxes/s3";
import { setStorageDriver } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { localDriver, verifyLocalGrant } from "@/lib/storage/local";
import { requestUploadAction } from "@/actions/files/request-upload";
import { claimUpload } from "@/lib/storage/files";
import { forOrg } from "@/lib/db";
import { GET as downloadRoute } from "@/app/agency/[slug]/files/[fileId]/route";

vi.mock("@/lib/auth/request", () => ({ requestHeaders: vi.fn() }));

/**
 * The storage adapter through the real AWS SDK against the S3 stand-in: a signed upload, the
 * HEAD check, a signed download, expiry, and the ways one tenant might reach another's file.
 */

let s3: S3Sandbox;
let A: SeededAgency;
let B: SeededAgency;
let ownerA: Headers;
let ownerB: Headers;
let staffA: Headers;

type Upload = { fileId: string; url: string; method: string; headers: Record<string, string> };

async function requestAs(who: Headers, slug: string, input: Record<string, unknown>) {
  actAs(who);
  return (await requestUploadAction(slug, input as never)) as { ok: true; data: Upload } | { ok: false; code: string; error: string };
}

async function upload(who: Headers, agency: SeededAgency, body: string, overrides: Record<string, unknown> = {}) {
  const result = await requestAs(who, agency.organization.slug, { locationId: agency.clinics[0].id, purpose: "consent", filename: "consent.pdf", contentType: "application/pdf", size: Buffer.byteLength(body), ...overrides });
  if (!result.ok) throw new Error(result.error);
  const put = await fetch(result.data.url, { method: "PUT", headers: result.data.headers, body });
  return { ...result.data, status: put.status };
}

async function download(who: Headers, slug: string, fileId: string) {
  actAs(who);
  return downloadRoute(new Request(`http://localhost:3000/agency/${slug}/files/${fileId}`, { headers: who }), { params: Promise.resolve({ slug, fileId }) });
}

const ctxOf = (agency: SeededAgency) => ({ db: forOrg(agency.organization.id), clinicIds: null, organization: agency.organization, user: agency.owner.user, role: "agency_owner" as const });

beforeAll(async () => {
  await resetDatabase();
  s3 = await startS3Sandbox();
  setStorageDriver(s3Driver({ bucket: s3.bucket, region: s3.region, endpoint: s3.url, forcePathStyle: true, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }));
  A = await seedAgency("a");
  B = await seedAgency("b");
  ownerA = await signInAs(A.owner.user.email);
  ownerB = await signInAs(B.owner.user.email);
  staffA = await signInAs(A.staff.user.email);
});

afterAll(async () => {
  setStorageDriver(null);
  await s3.stop();
});

describe("uploads through a signed URL", () => {
  it("stores the file under the organization's and clinic's prefix, checks it with HEAD, and serves it through a fresh signed URL", async () => {
    const up = await upload(ownerA, A, "%PDF-1.7 signed");
    expect(up.status).toBe(200);
    const row = await prisma.storedFile.findUniqueOrThrow({ where: { id: up.fileId } });
    expect(row.key).toBe(`orgs/${A.organization.id}/clinics/${A.clinics[0].id}/consent/${up.fileId}`);
    expect(row.key).not.toContain("consent.pdf");
    expect(s3.objects.get(row.key)?.body.toString()).toBe("%PDF-1.7 signed");
    expect(new URL(up.url).searchParams.get("X-Amz-Expires")).toBe("600");
    expect(new URL(up.url).searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");

    const claimed = await claimUpload(ctxOf(A), up.fileId, { purpose: "consent", locationId: A.clinics[0].id });
    expect(claimed.status).toBe("stored");
    await expect(claimUpload(ctxOf(A), up.fileId, { purpose: "consent", locationId: A.clinics[0].id })).rejects.toMatchObject({ code: "file_used" });

    const response = await download(ownerA, A.organization.slug, up.fileId);
    expect(response.status).toBe(303);
    const signed = response.headers.get("location")!;
    expect(Number(new URL(signed).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(900);
    const fetched = await fetch(signed);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("application/pdf");
    expect(await fetched.text()).toBe("%PDF-1.7 signed");
  });

  it("refuses a wrong type or size before signing anything", async () => {
    const before = await prisma.storedFile.count();
    const wrongType = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "consent", filename: "x.exe", contentType: "application/x-msdownload", size: 10 });
    const tooBig = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "consent", filename: "x.pdf", contentType: "application/pdf", size: 16 * 1024 * 1024 });
    const empty = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "consent", filename: "x.pdf", contentType: "application/pdf", size: 0 });
    expect([wrongType, tooBig, empty].map((r) => (r.ok ? "ok" : r.code))).toEqual(["invalid_input", "invalid_input", "invalid_input"]);
    expect(await prisma.storedFile.count()).toBe(before);
  });

  it("the store refuses a body of another size or type than the URL was signed for", async () => {
    const result = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "consent", filename: "c.jpg", contentType: "image/jpeg", size: 4 });
    if (!result.ok) throw new Error(result.error);
    const longer = await fetch(result.data.url, { method: "PUT", headers: result.data.headers, body: "12345" });
    const otherType = await fetch(result.data.url, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: "1234" });
    expect([longer.status, otherType.status]).toEqual([403, 403]);
    await expect(claimUpload(ctxOf(A), result.data.fileId, { purpose: "consent", locationId: A.clinics[0].id })).rejects.toMatchObject({ code: "upload_missing" });
  });

  it("an object that differs from what was announced after upload (HEAD) is deleted, not attached", async () => {
    const result = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "gfe", filename: "g.png", contentType: "image/png", size: 3 });
    if (!result.ok) throw new Error(result.error);
    const row = await prisma.storedFile.findUniqueOrThrow({ where: { id: result.data.fileId } });
    // Written behind the signed URL's back (a store without signed length, say).
    s3.objects.set(row.key, { body: Buffer.from("abcdef"), contentType: "image/png", etag: '"x"', lastModified: new Date() });
    await expect(claimUpload(ctxOf(A), row.id, { purpose: "gfe", locationId: A.clinics[0].id })).rejects.toMatchObject({ code: "upload_mismatch" });
    expect(s3.objects.has(row.key)).toBe(false);
    expect(await prisma.storedFile.findUnique({ where: { id: row.id } })).toBeNull();
  });
});

describe("expiry and reuse", () => {
  it("a download URL stops working after it expires, and a fresh one needs the member again", async () => {
    const up = await upload(ownerA, A, "expiring");
    await claimUpload(ctxOf(A), up.fileId, { purpose: "consent", locationId: A.clinics[0].id });
    const signed = (await download(ownerA, A.organization.slug, up.fileId)).headers.get("location")!;
    expect((await fetch(signed)).status).toBe(200);
    s3.skewMs = 301_000;
    try {
      const expired = await fetch(signed);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain("Request has expired");
    } finally {
      s3.skewMs = 0;
    }
  });

  it("an upload URL used after it expires is refused", async () => {
    const result = await requestAs(ownerA, A.organization.slug, { locationId: A.clinics[0].id, purpose: "consent", filename: "late.pdf", contentType: "application/pdf", size: 4 });
    if (!result.ok) throw new Error(result.error);
    s3.skewMs = 601_000;
    try {
      expect((await fetch(result.data.url, { method: "PUT", headers: result.data.headers, body: "late" })).status).toBe(403);
    } finally {
      s3.skewMs = 0;
    }
  });

  it("a download URL cannot be used to upload, nor an upload URL to read", async () => {
    const up = await upload(ownerA, A, "readonly");
    await claimUpload(ctxOf(A), up.fileId, { purpose: "consent", locationId: A.clinics[0].id });
    const signed = (await download(ownerA, A.organization.slug, up.fileId)).headers.get("location")!;
    expect((await fetch(signed, { method: "PUT", body: "overwrite" })).status).toBe(403);
    expect((await fetch(up.url)).status).toBe(403);
  });
});

describe("another organization's file", () => {
  it("cannot be reached by editing the key in a signed URL (key guessing)", async () => {
    const bFile = await upload(ownerB, B, "B's consent");
    await claimUpload(ctxOf(B), bFile.fileId, { purpose: "consent", locationId: B.clinics[0].id });
    const bKey = (await prisma.storedFile.findUniqueOrThrow({ where: { id: bFile.fileId } })).key;
    const aFile = await upload(ownerA, A, "A's consent");
    await claimUpload(ctxOf(A), aFile.fileId, { purpose: "consent", locationId: A.clinics[0].id });
    const aSigned = new URL((await download(ownerA, A.organization.slug, aFile.fileId)).headers.get("location")!);
    const guessed = new URL(aSigned);
    guessed.pathname = `/${s3.bucket}/${bKey}`;
    const response = await fetch(guessed);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("B's consent");
  });

  it("is a 404 to another agency's member (id swap) and to clinic staff of another clinic", async () => {
    const bFile = await upload(ownerB, B, "B only");
    await claimUpload(ctxOf(B), bFile.fileId, { purpose: "consent", locationId: B.clinics[0].id });
    expect((await download(ownerA, A.organization.slug, bFile.fileId)).status).toBe(404);
    expect((await download(ownerA, B.organization.slug, bFile.fileId)).status).toBe(404);

    const otherClinic = await upload(ownerA, A, "clinic 2 only", { locationId: A.clinics[1].id });
    await claimUpload(ctxOf(A), otherClinic.fileId, { purpose: "consent", locationId: A.clinics[1].id });
    expect((await download(staffA, A.organization.slug, otherClinic.fileId)).status).toBe(404);
    expect((await download(ownerA, A.organization.slug, otherClinic.fileId)).status).toBe(303);
  });

  it("cannot be claimed by another organization, nor uploaded into another agency's clinic", async () => {
    const bFile = await upload(ownerB, B, "B claim");
    await expect(claimUpload(ctxOf(A), bFile.fileId, { purpose: "consent", locationId: B.clinics[0].id })).rejects.toMatchObject({ code: "not_found" });
    const intoB = await requestAs(ownerA, A.organization.slug, { locationId: B.clinics[0].id, purpose: "consent", filename: "x.pdf", contentType: "application/pdf", size: 4 });
    expect(intoB.ok ? "ok" : intoB.code).toBe("not_found");
    const staffOther = await requestAs(staffA, A.organization.slug, { locationId: A.clinics[1].id, purpose: "consent", filename: "x.pdf", contentType: "application/pdf", size: 4 });
    expect(staffOther.ok ? "ok" : staffOther.code).toBe("not_found");
  });
});

describe("the local driver", () => {
  it("signs URLs that verify, and refuses them changed or expired", async () => {
    const driver = localDriver({ dir: "/tmp/unused", secret: "s".repeat(32) });
    const key = `orgs/${A.organization.id}/clinics/${A.clinics[0].id}/consent/fabc`;
    const url = new URL(await driver.signDownload(key, { expiresInS: 60, filename: "a.pdf", contentType: "application/pdf" }), "http://x");
    expect(verifyLocalGrant("s".repeat(32), url.searchParams).ok).toBe(true);
    const swapped = new URLSearchParams(url.searchParams);
    swapped.set("key", `orgs/${B.organization.id}/clinics/${B.clinics[0].id}/consent/fabc`);
    expect(verifyLocalGrant("s".repeat(32), swapped)).toMatchObject({ ok: false, status: 403 });
    expect(verifyLocalGrant("s".repeat(32), url.searchParams, Date.now() + 61_000)).toMatchObject({ ok: false, reason: "This file link has expired." });
    expect(verifyLocalGrant("t".repeat(32), url.searchParams)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("inventory documents", () => {
  it("attach an uploaded invoice to an item of the clinic, through the same adapter", async () => {
    const { seedInventoryItem } = await import("../support/inventory");
    const { attachInventoryDocumentAction } = await import("@/actions/inventory/attach-document");
    const { item } = await seedInventoryItem(A.clinics[0], { sku: "NS-1000", name: "Saline 1000 mL" });
    const up = await upload(ownerA, A, "%PDF invoice", { purpose: "inventory_document", filename: "invoice-1042.pdf" });
    actAs(ownerA);
    const result = (await attachInventoryDocumentAction(A.organization.slug, { locationId: A.clinics[0].id, itemId: item.id, kind: "invoice", title: "Invoice 1042", fileId: up.fileId })) as { ok: boolean };
    expect(result.ok).toBe(true);
    const doc = await prisma.inventoryDocument.findFirstOrThrow({ where: { itemId: item.id } });
    expect(doc).toMatchObject({ kind: "invoice", title: "Invoice 1042", fileId: up.fileId });
    expect((await download(ownerA, A.organization.slug, up.fileId)).status).toBe(303);
    // A consent's file cannot be passed off as an invoice (purpose is part of the claim).
    const consent = await upload(ownerA, A, "consent");
    const wrong = (await attachInventoryDocumentAction(A.organization.slug, { locationId: A.clinics[0].id, itemId: null, kind: "invoice", title: "Not an invoice", fileId: consent.fileId })) as { ok: boolean; code?: string };
    expect(wrong.ok ? "ok" : wrong.code).toBe("not_found");
  });
});

describe("the local driver's route", () => {
  it("stores an upload exactly as signed and serves it back, refusing other sizes and types", async () => {
    const fs = await import("node:fs/promises");
    const { env } = await import("@/lib/env");
    const { PUT, GET } = await import("@/app/api/storage/local/route");
    const driver = localDriver({ dir: env.STORAGE_LOCAL_DIR, secret: env.BETTER_AUTH_SECRET });
    const key = `orgs/${A.organization.id}/clinics/${A.clinics[0].id}/consent/flocaltest`;
    const put = await driver.signUpload(key, { contentType: "image/png", size: 4 }, 60);
    const at = (path: string) => `http://localhost:3000${path}`;
    expect((await PUT(new Request(at(put.url), { method: "PUT", headers: { "Content-Type": "image/png" }, body: "12345" }))).status).toBe(403);
    expect((await PUT(new Request(at(put.url), { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: "1234" }))).status).toBe(403);
    expect((await PUT(new Request(at(put.url), { method: "PUT", headers: { "Content-Type": "image/png" }, body: "1234" }))).status).toBe(200);
    expect(await driver.head(key)).toEqual({ size: 4, contentType: "image/png" });
    const get = await driver.signDownload(key, { expiresInS: 60, filename: "p.png", contentType: "image/png" });
    const response = await GET(new Request(at(get)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(await response.text()).toBe("1234");
    expect((await GET(new Request(at(put.url)))).status).toBe(403);
    await driver.delete(key);
    expect(await driver.head(key)).toBeNull();
    await fs.rm(`${env.STORAGE_LOCAL_DIR}/orgs/${A.organization.id}`, { recursive: true, force: true });
  });
});
