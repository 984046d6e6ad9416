import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A loopback SMTP server that accepts every message and keeps it, plus a small HTTP endpoint
 * (GET /messages?to=) so a test in another process can read what was sent. It stands in for
 * the mail provider wherever Sidecar runs as a production build.
 */
export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface SmtpSink {
  smtpUrl: string;
  httpUrl: string;
  messages: CapturedMail[];
  stop(): Promise<void>;
}

/** Undoes quoted-printable soft line breaks and =XX escapes (how nodemailer encodes text parts). */
export function decodeQuotedPrintable(value: string): string {
  const bytes = value.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The plain-text body and subject of a raw MIME message. */
export function parseMessage(raw: string): { subject: string; text: string } {
  const subject = decodeHeader(raw.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/im)?.[1] ?? "");
  const part = raw.split(/\r?\n--/).find((section) => /content-type: text\/plain/i.test(section)) ?? raw;
  const [headers = "", ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join("\n\n");
  const text = /quoted-printable/i.test(headers)
    ? decodeQuotedPrintable(content)
    : /base64/i.test(headers)
      ? Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8")
      : content;
  return { subject, text: text.trim() };
}

function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]/g, " ")
    // Whitespace between two encoded words is folding, not content (RFC 2047).
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
      encoding.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    )
    .trim();
}

export async function startSmtpSink(options: { smtpPort?: number; httpPort?: number } = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { subject, text } = parseMessage(Buffer.concat(chunks).toString("utf8"));
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject,
          text,
          receivedAt: new Date().toISOString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.smtpPort ?? 0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/messages") return res.writeHead(404).end();
    const to = url.searchParams.get("to")?.toLowerCase();
    const found = messages.filter((m) => !to || m.to.includes(to)).reverse();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
  });
  await new Promise<void>((resolve) => api.listen(options.httpPort ?? 0, "127.0.0.1", resolve));
  const httpPort = (api.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    messages,
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}
