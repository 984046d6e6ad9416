import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { startSmtpSink, type SmtpSink } from "../sandboxes/smtp";
import { invitationMail, signInCodeMail } from "@/lib/mail/templates";

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.stop());

describe("mail over SMTP", () => {
  it("delivers the sign-in code and the invitation link readably", async () => {
    const transport = nodemailer.createTransport(sink.smtpUrl);
    await transport.sendMail({ from: "Sidecar <no-reply@sidecar.example>", ...signInCodeMail("Pat@Example.com", "482913", 10) });
    const link = `http://localhost:3000/invite/${"x".repeat(40)}`;
    await transport.sendMail({
      from: "Sidecar <no-reply@sidecar.example>",
      ...invitationMail({ to: "pat@example.com", organizationName: "Digital Desk — Ünïcode", roleLabel: "Clinic staff", inviterName: "Dana", link, expiresAt: new Date("2026-12-01T00:00:00Z") }),
    });
    const response = await fetch(`${sink.httpUrl}/messages?to=pat@example.com`);
    const [invite, code] = (await response.json()) as { subject: string; text: string }[];
    expect(code!.subject).toBe("Your Sidecar sign-in code: 482913");
    expect(code!.text).toContain("Your Sidecar sign-in code is 482913.");
    expect(invite!.subject).toBe("Dana invited you to Digital Desk — Ünïcode on Sidecar");
    expect(invite!.text).toContain(link);
  });
});
