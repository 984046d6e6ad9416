import { z } from "zod";
import { authorizeLocation } from "../access";
import { tokenRoute, type AuthedContext, type Route, type TokenAccess } from "../context";
import { badRequest, json, notFound, parseOr422 } from "../http";
import { API_VERSION, MESSAGE_TYPES, type Contact, type Message } from "../types";

const version = API_VERSION.conversations;
const MESSAGE_WRITE: TokenAccess = { version, tokens: ["Location"], scope: "conversations/message.write" };
const MESSAGE_READ: TokenAccess = { version, tokens: ["Location"], scope: "conversations/message.readonly" };

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number");

/**
 * POST /conversations/messages (reference §1.4, [G8]). The 2026-05 spec lists `type, subType,
 * contactId, status` as required, the 2025-08 one only `type, contactId`; real strictness is
 * unverified, so the sandbox takes both. Unknown properties are refused, as GHL's validation does elsewhere.
 */
const ZSendMessage = z.strictObject({
  type: z.enum(MESSAGE_TYPES),
  subType: z.string().optional(),
  status: z.string().optional(),
  contactId: z.string().min(1),
  message: z.string().max(1600).optional(),
  html: z.string().optional(),
  subject: z.string().optional(),
  fromNumber: e164.optional(),
  toNumber: e164.optional(),
  attachments: z.array(z.string()).optional(),
  scheduledTimestamp: z.number().int().optional(),
  appointmentId: z.string().optional(),
  conversationProviderId: z.string().optional(),
  emailFrom: z.string().optional(),
  emailTo: z.string().optional(),
  replyMessageId: z.string().optional(),
  threadId: z.string().optional(),
});

/** DND blocks a channel when set for every channel (`dnd`) or for that one (active or permanent). */
export function isDndFor(contact: Contact, channel: "SMS" | "Email" | "Call" | "WhatsApp"): boolean {
  if (contact.dnd) return true;
  const status = contact.dndSettings?.[channel]?.status;
  return status === "active" || status === "permanent";
}

function messageView(message: Message) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    locationId: message.locationId,
    contactId: message.contactId,
    body: message.body,
    // GHL's numeric messageType codes are unconfirmed; the string form is what its payloads show.
    messageType: `TYPE_${message.type.toUpperCase()}`,
    type: message.type,
    direction: message.direction,
    status: message.status,
    contentType: "text/plain",
    attachments: [],
    dateAdded: new Date(message.dateAdded).toISOString(),
  };
}

function loadContact(ctx: AuthedContext, contactId: string): Contact {
  const contact = ctx.sandbox.store.getContact(contactId);
  // Whether GHL answers 400 or 404 for an unknown contact is unconfirmed.
  if (!contact) throw badRequest("Contact not found");
  authorizeLocation(ctx, contact.locationId);
  return contact;
}

export const conversationRoutes: Route[] = [
  tokenRoute({
    method: "POST",
    path: "/conversations/messages",
    access: MESSAGE_WRITE,
    handle(ctx) {
      const body = parseOr422(ZSendMessage, ctx.jsonBody());
      const contact = loadContact(ctx, body.contactId);
      if (body.type !== "SMS") throw badRequest(`The sandbox sends SMS only; got ${body.type}`);
      if (!body.message && !body.attachments?.length) throw badRequest("message or attachments is required for SMS");
      const toNumber = body.toNumber ?? contact.phone;
      if (!toNumber) throw badRequest("The contact has no phone number");
      // GHL refuses a message on a channel the contact is in DND for; the exact text is unconfirmed.
      if (isDndFor(contact, "SMS")) throw badRequest("Cannot send message as DND is active for SMS.");
      const message = ctx.sandbox.store.addMessage({
        locationId: contact.locationId,
        contactId: contact.id,
        type: "SMS",
        direction: "outbound",
        body: body.message ?? "",
        status: "delivered",
        fromNumber: body.fromNumber ?? ctx.sandbox.store.getLocation(contact.locationId)?.phone,
        toNumber,
        appointmentId: body.appointmentId,
      });
      return json(200, { conversationId: message.conversationId, messageId: message.id, messageIds: [message.id], msg: "Message queued successfully.", status: "queued", traceId: ctx.traceId });
    },
  }),
  tokenRoute({
    method: "GET",
    path: "/conversations/:conversationId/messages",
    access: MESSAGE_READ,
    handle(ctx) {
      const conversation = ctx.sandbox.store.getConversation(ctx.params.conversationId ?? "");
      if (!conversation) throw notFound("Conversation not found");
      authorizeLocation(ctx, conversation.locationId);
      const query = parseOr422(z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), Object.fromEntries(ctx.query));
      const messages = ctx.sandbox.store.listMessages({ conversationId: conversation.id }).reverse().slice(0, query.limit);
      return json(200, { messages: { lastMessageId: messages.at(-1)?.id ?? null, nextPage: false, messages: messages.map(messageView) }, traceId: ctx.traceId });
    },
  }),
];
