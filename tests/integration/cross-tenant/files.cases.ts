import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { setStorageDriver } from "@/lib/storage";
import { signLocalGrant } from "@/lib/storage/local";
import { s3Driver } from "@/lib/storage/s3";
import { storageKey } from "@/lib/storage/keys";
import { startS3Sandbox, type S3Sandbox } from "../../sandboxes/s3";
import type { SeededAgency } from "../../support/tenants";
import type { CrossTenantFeature, World } from "./types";

/**
 * Files: each agency gets a stored consent in each clinic, in the S3 stand-in. A's members try
 * B's files by id (id swap), by B's slug, and through the local driver's signed route with a
 * key edited to B's (key guessing), an expired link and a download link replayed as an upload.
 */

let s3: S3Sandbox | null = null;

async function seedFiles(agency: SeededAgency) {
  if (!s3) {
    s3 = await startS3Sandbox();
    setStorageDriver(s3Driver({ bucket: s3.bucket, region: s3.region, endpoint: s3.url, forcePathStyle: true, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }));
  }
  const files = [];
  for (const clinic of agency.clinics) {
    const id = `fsecret${agency.organization.slug.slice(-6).replace(/[^a-z0-9]/g, "")}${clinic.id.slice(-6)}`;
    const key = storageKey(agency.organization.id, clinic.id, "consent", id);
    s3.objects.set(key, { body: Buffer.from(`signed consent of ${clinic.name}`), contentType: "application/pdf", etag: '"e"', lastModified: new Date() });
    files.push(await prisma.storedFile.create({ data: { id, organizationId: agency.organization.id, locationId: clinic.id, purpose: "consent", key, filename: `consent-${clinic.name}.pdf`, contentType: "application/pdf", size: 10, status: "stored" } }));
  }
  return { files: files.map((f) => ({ id: f.id, key: f.key, locationId: f.locationId })) };
}

type Files = Array<{ id: string; key: string; locationId: string }>;
const filesOf = (w: World, who: "A" | "B") => w.extra[who].files as Files;

const localUrl = (grant: Parameters<typeof signLocalGrant>[1]) => `http://localhost:3000${signLocalGrant(env.BETTER_AUTH_SECRET, grant)}`;
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

export const files: CrossTenantFeature = {
  seed: seedFiles,
  secrets: (_agency, extra) => (extra.files as Files).flatMap((f) => [f.id, f.key]),
  snapshot: async (organizationId) => ({
    files: await prisma.storedFile.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    documents: await prisma.inventoryDocument.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    objects: [...(s3?.objects.entries() ?? [])].filter(([key]) => key.startsWith(`orgs/${organizationId}/`)).map(([key, o]) => [key, o.body.toString()]),
  }),
  teardown: async () => {
    setStorageDriver(null);
    await s3?.stop();
    s3 = null;
  },
  actions: {
    "actions/files/request-upload.ts#requestUploadAction": (w) => {
      const call = w.action("actions/files/request-upload.ts#requestUploadAction");
      const input = (locationId: string, purpose = "consent") => ({ locationId, purpose, filename: "mallory.pdf", contentType: "application/pdf", size: 100 });
      return [
        { who: "ownerA", attempt: "upload into B's clinic via B's slug", call: () => call(w.B.organization.slug, input(w.B.clinics[0].id)) },
        { who: "adminA", attempt: "upload into B's clinic via A's slug", call: () => call(w.A.organization.slug, input(w.B.clinics[0].id)) },
        { who: "staffA", attempt: "upload into a clinic staff may not see", call: () => call(w.A.organization.slug, input(w.A.clinics[1].id)) },
        { who: "staffA", attempt: "clinic staff upload a consent template", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id, "consent_template")), refusals: ["forbidden"] },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id)), refusals: ["not_found", "unauthenticated"] },
      ];
    },
    "actions/inventory/attach-document.ts#attachInventoryDocumentAction": (w) => {
      const call = w.action("actions/inventory/attach-document.ts#attachInventoryDocumentAction");
      const bFile = filesOf(w, "B")[0]!;
      const aOther = filesOf(w, "A").find((f) => f.locationId === w.A.clinics[1].id)!;
      const bItem = (w.extra.B.inventoryItems as Array<{ id: string }>)[0]!;
      const input = (locationId: string, fileId: string, itemId: string | null = null) => ({ locationId, itemId, kind: "invoice", title: "Mallory invoice", fileId });
      return [
        { who: "ownerA", attempt: "attach to B's clinic via B's slug", call: () => call(w.B.organization.slug, input(w.B.clinics[0].id, bFile.id)) },
        { who: "adminA", attempt: "attach B's file to A's clinic (id swap)", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id, bFile.id)) },
        { who: "adminA", attempt: "attach to B's item from A's clinic", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id, "fnonexistent", bItem.id)) },
        { who: "staffA", attempt: "attach in a clinic staff may not see", call: () => call(w.A.organization.slug, input(w.A.clinics[1].id, aOther.id)) },
        { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(w.A.clinics[0].id, aOther.id)), refusals: ["not_found", "unauthenticated"] },
      ];
    },
  },
  routes: {
    "app/agency/[slug]/files/[fileId]/route.ts": (w) => {
      const get = (slug: string, fileId: string, who: keyof World["sessions"]) => () => new Request(`http://localhost:3000/agency/${slug}/files/${fileId}`, { headers: w.sessions[who] });
      const bFile = filesOf(w, "B")[0]!;
      const aOther = filesOf(w, "A").find((f) => f.locationId === w.A.clinics[1].id)!;
      const aOwn = filesOf(w, "A").find((f) => f.locationId === w.A.clinics[0].id)!;
      return [
        { who: "ownerA", attempt: "B's file via B's slug", request: get(w.B.organization.slug, bFile.id, "ownerA"), params: { slug: w.B.organization.slug, fileId: bFile.id }, statuses: [404] },
        { who: "ownerA", attempt: "B's file id via A's slug (id swap)", request: get(w.A.organization.slug, bFile.id, "ownerA"), params: { slug: w.A.organization.slug, fileId: bFile.id }, statuses: [404] },
        { who: "staffA", attempt: "a file of a clinic staff may not see", request: get(w.A.organization.slug, aOther.id, "staffA"), params: { slug: w.A.organization.slug, fileId: aOther.id }, statuses: [404] },
        { who: "staffA", attempt: "their own clinic's file carries nothing of the other clinic", request: get(w.A.organization.slug, aOwn.id, "staffA"), params: { slug: w.A.organization.slug, fileId: aOwn.id }, statuses: [303] },
        { who: "outsider", attempt: "a stranger", request: get(w.A.organization.slug, aOwn.id, "outsider"), params: { slug: w.A.organization.slug, fileId: aOwn.id }, statuses: [401, 404] },
      ];
    },
    "app/api/storage/local/route.ts": (w) => {
      const aOwn = filesOf(w, "A").find((f) => f.locationId === w.A.clinics[0].id)!;
      const bFile = filesOf(w, "B")[0]!;
      const aOther = filesOf(w, "A").find((f) => f.locationId === w.A.clinics[1].id)!;
      const grant = (key: string, exp = inAMinute()) => ({ op: "get" as const, key, type: "application/pdf", size: 0, name: "x.pdf", exp });
      const guessed = (key: string) => () => {
        const url = new URL(localUrl(grant(aOwn.key)));
        url.searchParams.set("key", key);
        return new Request(url, { headers: w.sessions.ownerA });
      };
      return [
        { who: "ownerA", attempt: "A's link with the key edited to B's (key guessing)", request: guessed(bFile.key), statuses: [403] },
        { who: "staffA", attempt: "A's link with the key edited to the other clinic's", request: guessed(aOther.key), statuses: [403] },
        { who: "ownerA", attempt: "an expired link (URL reuse)", request: () => new Request(localUrl(grant(aOwn.key, Math.floor(Date.now() / 1000) - 1)), { headers: w.sessions.ownerA }), statuses: [403] },
        {
          who: "ownerA",
          attempt: "a download link replayed as an upload over B's key",
          request: () => {
            const url = new URL(localUrl(grant(aOwn.key)));
            url.searchParams.set("key", bFile.key);
            return new Request(url, { method: "PUT", body: "overwrite", headers: { "Content-Type": "application/pdf" } });
          },
          statuses: [403],
        },
      ];
    },
  },
};
