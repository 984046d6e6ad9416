import { authorizeLocation } from "../access";
import { ZContactSearch, searchContacts } from "../contact-search";
import { ZCreateContact, ZTags, ZUpdateContact, ZUpsertContact, findDuplicate, normalizeTags, toContactPatch, withoutNulls } from "../contact-input";
import { tokenRoute, type AuthedContext, type Route, type TokenAccess } from "../context";
import { badRequest, json, notFound, parseOr422 } from "../http";
import type { ContactPatch } from "../store";
import { API_VERSION, type Contact, type Location } from "../types";
import { contactView } from "../views";
import { contactEvent, type ContactEventType } from "../webhook-events";

const READ: TokenAccess = { version: API_VERSION.contacts, tokens: ["Location"], scope: "contacts.readonly" };
const WRITE: TokenAccess = { version: API_VERSION.contacts, tokens: ["Location"], scope: "contacts.write" };

function loadContact(ctx: AuthedContext): Contact {
  const contact = ctx.sandbox.store.getContact(ctx.params.contactId ?? "");
  if (!contact) throw notFound("Contact not found");
  authorizeLocation(ctx, contact.locationId);
  return contact;
}

function emit(ctx: AuthedContext, type: ContactEventType, contact: Contact): void {
  ctx.sandbox.emitWebhook(contactEvent(type, contact, {}, ctx.sandbox.now()));
}

/**
 * With "Allow Duplicate Contact" off, GHL refuses a second contact with the same email or
 * phone. The reference only says the setting exists (gotcha §5.7): the 400, its message and
 * `meta` are the sandbox's guess (unconfirmed).
 */
function refuseDuplicate(ctx: AuthedContext, location: Location, patch: ContactPatch, excludeId?: string): void {
  if (location.allowDuplicateContact) return;
  const duplicate = findDuplicate(ctx.sandbox.store, location, patch, excludeId);
  if (duplicate) {
    throw badRequest("This location does not allow duplicated contacts.", {
      meta: { contactId: duplicate.contact.id, matchingField: duplicate.matchingField },
    });
  }
}

/** Update and the webhooks GHL would fire for what actually changed. */
function applyUpdate(ctx: AuthedContext, contact: Contact, patch: ContactPatch): Contact {
  const tagsBefore = contact.tags.join("\u0000");
  const dndBefore = JSON.stringify([contact.dnd, contact.dndSettings]);
  const updated = ctx.sandbox.store.updateContact(contact.id, patch);
  emit(ctx, "ContactUpdate", updated);
  if (updated.tags.join("\u0000") !== tagsBefore) emit(ctx, "ContactTagUpdate", updated);
  if (JSON.stringify([updated.dnd, updated.dndSettings]) !== dndBefore) emit(ctx, "ContactDndUpdate", updated);
  return updated;
}

export const contactRoutes: Route[] = [
  tokenRoute({
    method: "POST",
    path: "/contacts/search",
    access: READ,
    handle(ctx) {
      const request = parseOr422(ZContactSearch, ctx.jsonBody());
      authorizeLocation(ctx, request.locationId);
      const { hits, total } = searchContacts(ctx.sandbox.store, request);
      // Where GHL returns the next searchAfter is unconfirmed (§1.4: "returned in each
      // response"); the sandbox puts it on every contact, the Elasticsearch habit, so the
      // last contact of a page carries the cursor for the next one.
      return json(200, { contacts: hits.map(({ contact, searchAfter }) => ({ ...contactView(contact), searchAfter })), total });
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/contacts/upsert",
    access: WRITE,
    handle(ctx) {
      const { store } = ctx.sandbox;
      const { locationId, createNewIfDuplicateAllowed, ...fields } = parseOr422(ZUpsertContact, ctx.jsonBody());
      const location = authorizeLocation(ctx, locationId);
      const patch = toContactPatch(fields);
      const alwaysCreate = location.allowDuplicateContact && createNewIfDuplicateAllowed === true;
      const match = alwaysCreate ? undefined : findDuplicate(store, location, patch);
      if (match) {
        // Upsert replaces tags like PUT does; whether GHL merges them instead is unconfirmed.
        const updated = applyUpdate(ctx, match.contact, toContactPatch(fields, match.contact));
        return json(200, { new: false, contact: contactView(updated), traceId: ctx.traceId });
      }
      const created = store.createContact(location.id, withoutNulls(patch));
      emit(ctx, "ContactCreate", created);
      return json(200, { new: true, contact: contactView(created), traceId: ctx.traceId });
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/contacts/",
    access: WRITE,
    handle(ctx) {
      const { locationId, ...fields } = parseOr422(ZCreateContact, ctx.jsonBody());
      const location = authorizeLocation(ctx, locationId);
      const patch = toContactPatch(fields);
      refuseDuplicate(ctx, location, patch);
      const contact = ctx.sandbox.store.createContact(location.id, withoutNulls(patch));
      emit(ctx, "ContactCreate", contact);
      return json(201, { contact: contactView(contact) });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/contacts/:contactId",
    access: READ,
    handle(ctx) {
      return json(200, { contact: contactView(loadContact(ctx)) });
    },
  }),
  tokenRoute({
    method: "PUT",
    path: "/contacts/:contactId",
    access: WRITE,
    handle(ctx) {
      const contact = loadContact(ctx);
      const patch = toContactPatch(parseOr422(ZUpdateContact, ctx.jsonBody()), contact);
      const location = authorizeLocation(ctx, contact.locationId);
      refuseDuplicate(ctx, location, { email: patch.email, phone: patch.phone }, contact.id);
      // "succeded" is GHL's spelling (gotcha §5.8).
      return json(200, { succeded: true, contact: contactView(applyUpdate(ctx, contact, patch)) });
    },
  }),
  tokenRoute({
    method: "DELETE",
    path: "/contacts/:contactId",
    access: WRITE,
    handle(ctx) {
      const contact = loadContact(ctx);
      ctx.sandbox.store.deleteContact(contact.id);
      emit(ctx, "ContactDelete", contact);
      return json(200, { succeded: true });
    },
  }),
  tokenRoute({
    method: "POST",
    path: "/contacts/:contactId/tags",
    access: WRITE,
    handle(ctx) {
      const contact = loadContact(ctx);
      const { tags } = parseOr422(ZTags, ctx.jsonBody());
      const updated = ctx.sandbox.store.updateContact(contact.id, { tags: normalizeTags([...contact.tags, ...tags]) });
      emit(ctx, "ContactTagUpdate", updated);
      return json(201, { tags: [...updated.tags] });
    },
  }),
  tokenRoute({
    method: "DELETE",
    path: "/contacts/:contactId/tags",
    access: WRITE,
    handle(ctx) {
      const contact = loadContact(ctx);
      const removed = new Set(normalizeTags(parseOr422(ZTags, ctx.jsonBody()).tags));
      const updated = ctx.sandbox.store.updateContact(contact.id, { tags: contact.tags.filter((tag) => !removed.has(tag)) });
      emit(ctx, "ContactTagUpdate", updated);
      return json(200, { tags: [...updated.tags] });
    },
  }),
];
