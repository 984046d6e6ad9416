import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import type { MailMessage } from "@/lib/mail/send";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function layout(body: string): string {
  return `<div style="font-family:system-ui,sans-serif;max-width:480px;margin:0 auto;padding:24px;color:#1e293b">${body}<p style="color:#64748b;font-size:12px;margin-top:32px">Sidecar</p></div>`;
}

export function signInCodeMail(to: string, code: string, minutes: number): MailMessage {
  return {
    to,
    subject: `Your Sidecar sign-in code: ${code}`,
    text: `Your Sidecar sign-in code is ${code}. It expires in ${minutes} minutes. If you did not ask for it, ignore this email.`,
    html: layout(
      `<p>Your Sidecar sign-in code is</p><p style="font-size:28px;font-weight:700;letter-spacing:4px">${escapeHtml(code)}</p><p>It expires in ${minutes} minutes. If you did not ask for it, ignore this email.</p>`,
    ),
  };
}

export function invitationMail(input: {
  to: string;
  organizationName: string;
  role: Role;
  inviterName: string | null;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const who = input.inviterName ? `${input.inviterName} invited you` : "You are invited";
  const role = ROLE_LABELS[input.role];
  const expires = input.expiresAt.toUTCString();
  return {
    to: input.to,
    subject: `${who} to ${input.organizationName} on Sidecar`,
    text: `${who} to join ${input.organizationName} on Sidecar as ${role}.\n\nAccept: ${input.link}\n\nThe link works once and expires ${expires}.`,
    html: layout(
      `<p>${escapeHtml(who)} to join <strong>${escapeHtml(input.organizationName)}</strong> on Sidecar as ${escapeHtml(role)}.</p><p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#0f766e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Accept the invitation</a></p><p style="font-size:13px;color:#64748b">The link works once and expires ${escapeHtml(expires)}.</p>`,
    ),
  };
}
