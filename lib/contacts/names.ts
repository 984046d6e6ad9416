/** How a contact is named wherever it is shown (client-safe): the name, else the email, else the phone. */
export function contactName(contact: { firstName: string | null; lastName: string | null; email?: string | null; phone?: string | null }) {
  return [contact.firstName, contact.lastName].filter(Boolean).join(" ") || contact.email || contact.phone || "Unnamed contact";
}
