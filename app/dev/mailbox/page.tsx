import { notFound } from "next/navigation";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shared/page-header";
import { devMailboxEnabled, findDevMail } from "@/lib/mail/send";

export const metadata = { title: "Dev mailbox", robots: { index: false } };

/**
 * Mail captured while no SMTP or Resend is configured. Never served when NODE_ENV=production:
 * the proxy answers 404 for /dev/* there, and this page checks again.
 */
export default async function DevMailboxPage({ searchParams }: PageProps<"/dev/mailbox">) {
  if (!devMailboxEnabled()) notFound();
  const { to } = await searchParams;
  const filter = typeof to === "string" && to ? to.toLowerCase() : undefined;
  const messages = await findDevMail(filter);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8">
      <PageHeader title="Dev mailbox" description="Sign-in codes and invitations sent while no mail service is configured." />
      {messages.length === 0 ? (
        <p className="text-muted-foreground">No messages{filter ? ` for ${filter}` : ""} yet.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {messages.map((message) => (
            <li key={message.id}>
              <Card data-testid="dev-mail">
                <CardHeader>
                  <CardTitle>
                    <h2 className="text-base">{message.subject}</h2>
                  </CardTitle>
                  <p className="text-sm text-muted-foreground">
                    To <span data-testid="dev-mail-to">{message.to}</span> · {message.createdAt.toISOString()}
                  </p>
                </CardHeader>
                <CardContent>
                  <pre className="whitespace-pre-wrap break-words font-sans text-sm">{message.text}</pre>
                </CardContent>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
