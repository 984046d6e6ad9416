import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { call, type GhlErrorJson } from "@/tests/sandboxes/ghl/test-client";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/sandboxes/ghl/webhook-receiver";

interface SendJson {
  conversationId: string;
  messageId: string;
  msg: string;
}

describe("GHL sandbox: conversations (send SMS, DND, InboundMessage)", () => {
  let sandbox: GhlSandbox;
  let receiver: WebhookReceiver;
  let token: string;
  let ana: string;
  let quiet: string;
  let noPhone: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startGhlSandbox({ webhookTargetUrl: receiver.url });
    sandbox.seedLocation({ id: "conv", contacts: 0, phone: "+15125550100" });
    ana = sandbox.store.createContact("conv", { firstName: "Ana", phone: "+15125550111" }).id;
    quiet = sandbox.store.createContact("conv", { firstName: "Quinn", phone: "+15125550112", dndSettings: { SMS: { status: "permanent" } } }).id;
    noPhone = sandbox.store.createContact("conv", { firstName: "Nell", email: "nell@example.com" }).id;
    token = sandbox.issueTokens({ locationId: "conv" }).access_token;
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  const send = (json: unknown, options: { token?: string; version?: string } = {}) =>
    call<SendJson & GhlErrorJson>(sandbox.url, "/conversations/messages", { method: "POST", token: options.token ?? token, json, ...(options.version ? { version: options.version } : {}) });

  it("sends an SMS to a contact and keeps it in the contact's conversation", async () => {
    const res = await send({ type: "SMS", contactId: ana, message: "Reply C to confirm" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ messageId: expect.any(String), conversationId: expect.any(String), msg: "Message queued successfully." });
    expect(sandbox.messages({ contactId: ana })).toMatchObject([{ direction: "outbound", body: "Reply C to confirm", toNumber: "+15125550111", fromNumber: "+15125550100" }]);
    const history = await call<{ messages: { messages: Array<{ body: string; direction: string }> } }>(sandbox.url, `/conversations/${res.body.conversationId}/messages`, { token });
    expect(history.body.messages.messages.map((m) => [m.direction, m.body])).toEqual([["outbound", "Reply C to confirm"]]);
  });

  it("refuses a contact in DND for SMS, a contact without a phone, a body without a message, unknown properties and another location's contact", async () => {
    expect((await send({ type: "SMS", contactId: quiet, message: "hi" })).body.message).toMatch(/DND is active for SMS/);
    expect((await send({ type: "SMS", contactId: noPhone, message: "hi" })).body.message).toMatch(/no phone number/);
    expect((await send({ type: "SMS", contactId: ana })).status).toBe(400);
    expect((await send({ type: "SMS", contactId: ana, message: "hi", notes: "x" })).status).toBe(422);
    sandbox.seedLocation({ id: "conv-other", contacts: 1 });
    const otherToken = sandbox.issueTokens({ locationId: "conv-other" }).access_token;
    expect((await send({ type: "SMS", contactId: ana, message: "hi" }, { token: otherToken })).status).toBe(403);
    expect(sandbox.messages({ contactId: quiet })).toEqual([]);
  });

  it("needs the conversations/message.write scope", async () => {
    const narrow = sandbox.issueTokens({ locationId: "conv", scopes: ["contacts.readonly"] }).access_token;
    expect((await send({ type: "SMS", contactId: ana, message: "hi" }, { token: narrow })).status).toBe(401);
  });

  it("plays a patient's reply as a signed InboundMessage webhook, and gives an unknown number a new contact", async () => {
    const before = receiver.received.length;
    const { event } = sandbox.receiveSms({ locationId: "conv", contactId: ana, body: "C" });
    await sandbox.sendWebhook(event);
    const stranger = sandbox.receiveSms({ locationId: "conv", fromNumber: "+15125559999", body: "yes" });
    await sandbox.sendWebhook(stranger.event);
    const [first, second] = (await receiver.waitFor(before + 2)).slice(before);
    expect(first!.json).toMatchObject({ type: "InboundMessage", locationId: "conv", contactId: ana, body: "C", direction: "inbound", messageType: "SMS", messageId: expect.any(String), webhookId: expect.any(String) });
    const key = createPublicKey(sandbox.webhookPublicKeyPem);
    expect(verify(null, first!.raw, key, Buffer.from(String(first!.headers["x-ghl-signature"]), "base64"))).toBe(true);
    expect(second!.json.contactId).not.toBe(ana);
    expect(sandbox.store.getContact(String(second!.json.contactId))).toMatchObject({ phone: "+15125559999" });
  });
});
