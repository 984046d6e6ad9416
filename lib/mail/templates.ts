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
  /** The role as people read it ("Clinic staff"). */
  roleLabel: string;
  inviterName: string | null;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const who = input.inviterName ? `${input.inviterName} invited you` : "You are invited";
  const role = input.roleLabel;
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

export interface InventoryDigestContent {
  organizationName: string;
  link: string;
  lowStock: Array<{ name: string; clinic: string; onHand: number; reorderPoint: number; unit: string }>;
  lowStockCount: number;
  expiringLots: Array<{ lotNumber: string; name: string; clinic: string; expiresOn: string; onHand: number; unit: string }>;
  expiringCount: number;
}

export function inventoryDigestMail(to: string, digest: InventoryDigestContent): MailMessage {
  const more = (shown: number, total: number) => (total > shown ? `…and ${total - shown} more` : null);
  const lowLines = digest.lowStock.map((i) => `${i.name} at ${i.clinic}: ${i.onHand} ${i.unit} left (reorder at ${i.reorderPoint})`);
  const lotLines = digest.expiringLots.map((l) => `Lot ${l.lotNumber} of ${l.name} at ${l.clinic}: ${l.onHand} ${l.unit}, expires ${l.expiresOn}`);
  const lowMore = more(lowLines.length, digest.lowStockCount);
  const lotMore = more(lotLines.length, digest.expiringCount);
  const section = (title: string, lines: string[], extra: string | null) =>
    lines.length ? `${title}\n${[...lines, ...(extra ? [extra] : [])].map((l) => `- ${l}`).join("\n")}\n\n` : "";
  const htmlSection = (title: string, lines: string[], extra: string | null) =>
    lines.length
      ? `<h2 style="font-size:16px">${escapeHtml(title)}</h2><ul>${[...lines, ...(extra ? [extra] : [])].map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
      : "";
  const lowTitle = `Low stock (${digest.lowStockCount})`;
  const lotTitle = `Lots expiring within 30 days (${digest.expiringCount})`;
  return {
    to,
    subject: `${digest.organizationName} supplies: ${digest.lowStockCount} low, ${digest.expiringCount} expiring soon`,
    text: `Today's supply alerts for ${digest.organizationName}.\n\n${section(lowTitle, lowLines, lowMore)}${section(lotTitle, lotLines, lotMore)}Open the inventory: ${digest.link}`,
    html: layout(
      `<p>Today's supply alerts for <strong>${escapeHtml(digest.organizationName)}</strong>.</p>${htmlSection(lowTitle, lowLines, lowMore)}${htmlSection(lotTitle, lotLines, lotMore)}<p><a href="${escapeHtml(digest.link)}">Open the inventory</a></p>`,
    ),
  };
}
