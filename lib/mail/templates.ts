import type { MailMessage } from "@/lib/mail/send";
import type { DailyDigestContent } from "@/lib/ops/digest-content";
import { FINDING_SEVERITIES } from "@/lib/ops/findings";

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One person's daily digest: their open findings, per clinic, most urgent first (lib/ops/digest-content.ts). */
export function dailyDigestMail(to: string, digest: DailyDigestContent): MailMessage {
  const headline = `${plural(digest.total, "finding")} open${digest.critical ? `, ${digest.critical} critical` : ""}`;
  const severities = (c: DailyDigestContent["clinics"][number]) =>
    FINDING_SEVERITIES.filter((s) => c.bySeverity[s]).map((s) => `${c.bySeverity[s]} ${s}`).join(", ");
  const more = (c: DailyDigestContent["clinics"][number]) => (c.count > c.findings.length ? c.count - c.findings.length : 0);
  const tail = digest.moreClinics ? `…and ${plural(digest.moreClinics, "more clinic")} with ${plural(digest.moreClinicsFindings, "finding")}.` : null;
  const text = [
    `What needs a person today at ${digest.organizationName} (${digest.day}): ${headline}, most urgent first.`,
    ...digest.clinics.map((c) =>
      [
        `${c.name}: ${severities(c)}`,
        ...c.findings.map((f) => `- [${f.severity}] ${f.title}. ${f.reason}\n  ${f.link}`),
        ...(more(c) ? [`- …and ${more(c)} more: ${c.link}`] : []),
      ].join("\n"),
    ),
    ...(tail ? [tail] : []),
    `${digest.linkLabel}: ${digest.link}`,
  ].join("\n\n");
  const badge: Record<string, string> = { critical: "#b91c1c", high: "#c2410c", medium: "#a16207", low: "#475569" };
  const html = layout(
    `<p>What needs a person today at <strong>${escapeHtml(digest.organizationName)}</strong> (${escapeHtml(digest.day)}): ${escapeHtml(headline)}, most urgent first.</p>` +
      digest.clinics
        .map(
          (c) =>
            `<h2 style="font-size:16px;margin-bottom:4px"><a href="${escapeHtml(c.link)}">${escapeHtml(c.name)}</a></h2><p style="margin-top:0;color:#64748b;font-size:13px">${escapeHtml(severities(c))}</p><ul>` +
            c.findings
              .map((f) => `<li style="margin-bottom:8px"><strong style="color:${badge[f.severity] ?? "#475569"}">${escapeHtml(f.severity)}</strong> <a href="${escapeHtml(f.link)}">${escapeHtml(f.title)}</a><br><span style="font-size:13px">${escapeHtml(f.reason)}</span></li>`)
              .join("") +
            (more(c) ? `<li><a href="${escapeHtml(c.link)}">…and ${more(c)} more</a></li>` : "") +
            `</ul>`,
        )
        .join("") +
      (tail ? `<p>${escapeHtml(tail)}</p>` : "") +
      `<p><a href="${escapeHtml(digest.link)}" style="display:inline-block;background:#0f766e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(digest.linkLabel)}</a></p>`,
  );
  return { to, subject: `${digest.organizationName}: ${headline} today`, text, html };
}

function button(link: string, label: string): string {
  return `<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0f766e;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;
}

/**
 * To each owner, three days before the free trial ends (Stripe's trial_will_end, or the nightly
 * pass). `subscribed`: the trial is a Stripe subscription's; otherwise no plan is chosen yet.
 */
export function trialEndingMail(input: { to: string; organizationName: string; trialEndsAt: Date; subscribed: boolean; link: string }): MailMessage {
  const day = input.trialEndsAt.toUTCString().slice(0, 16);
  const ask = input.subscribed ? "Add a payment method to keep full access; without one" : "Choose a plan in Billing to keep full access; without one";
  return {
    to: input.to,
    subject: `Your Sidecar trial for ${input.organizationName} ends ${day}`,
    text: `The free trial of ${input.organizationName} on Sidecar ends ${day}. ${ask} Sidecar becomes read-only (nothing is deleted).\n\nBilling: ${input.link}`,
    html: layout(
      `<p>The free trial of <strong>${escapeHtml(input.organizationName)}</strong> on Sidecar ends <strong>${escapeHtml(day)}</strong>.</p><p>${escapeHtml(ask)} Sidecar becomes read-only (nothing is deleted).</p>${button(input.link, "Open billing")}`,
    ),
  };
}

/** To each owner when Stripe could not collect an invoice. */
export function paymentFailedMail(input: { to: string; organizationName: string; amountDueCents: number; currency: string; link: string }): MailMessage {
  const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: input.currency.toUpperCase() }).format(input.amountDueCents / 100);
  return {
    to: input.to,
    subject: `Payment failed for ${input.organizationName} on Sidecar`,
    text: `We could not collect ${amount} for ${input.organizationName}'s Sidecar subscription. Update the card to keep full access; Stripe retries the payment over the next days.\n\nBilling: ${input.link}`,
    html: layout(
      `<p>We could not collect <strong>${escapeHtml(amount)}</strong> for ${escapeHtml(input.organizationName)}'s Sidecar subscription.</p><p>Update the card to keep full access; Stripe retries the payment over the next days.</p>${button(input.link, "Update payment method")}`,
    ),
  };
}
