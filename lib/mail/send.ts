import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { Resend } from "resend";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { withTimeout } from "@/lib/timeout";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type MailTransportName = "smtp" | "resend" | "dev-mailbox";

const SEND_TIMEOUT_MS = 10_000;

/** SMTP when SMTP_URL is set, else Resend when RESEND_API_KEY is set, else the dev mailbox. */
export function mailTransportName(): MailTransportName {
  if (env.SMTP_URL) return "smtp";
  if (env.RESEND_API_KEY) return "resend";
  return "dev-mailbox";
}

/**
 * Whether /dev/mailbox may show the mail kept in the database (sign-in codes included): only
 * outside production, and only when that store is the transport.
 */
export function devMailboxEnabled(config: Pick<typeof env, "NODE_ENV"> = env): boolean {
  return config.NODE_ENV !== "production" && mailTransportName() === "dev-mailbox";
}

let smtp: Transporter | undefined;

export async function sendMail(message: MailMessage): Promise<void> {
  switch (mailTransportName()) {
    case "smtp": {
      smtp ??= nodemailer.createTransport({
        url: env.SMTP_URL,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      });
      await smtp.sendMail({ from: env.MAIL_FROM, ...message });
      return;
    }
    case "resend": {
      const resend = new Resend(env.RESEND_API_KEY);
      const { error } = await withTimeout(resend.emails.send({ from: env.MAIL_FROM, ...message }), SEND_TIMEOUT_MS, "Resend");
      if (error) throw new Error(`Resend refused the message: ${error.message}`);
      return;
    }
    case "dev-mailbox":
      // Never keep sign-in codes in a production database (start-up already requires a transport).
      if (env.NODE_ENV === "production") throw new Error("No mail transport: set SMTP_URL or RESEND_API_KEY");
      await systemDb("mail.dev-mailbox").devMail.create({
        data: { to: message.to.toLowerCase(), subject: message.subject, text: message.text, html: message.html ?? null },
      });
      return;
  }
}

/** The dev mailbox's latest messages, newest first, for one recipient or everyone. */
export function findDevMail(to?: string) {
  return systemDb("mail.dev-mailbox").devMail.findMany({ where: to ? { to } : {}, orderBy: { createdAt: "desc" }, take: 50 });
}
