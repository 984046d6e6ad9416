import { AskChat } from "@/components/ask/ask-chat";
import { ConversationList } from "@/components/ask/conversation-list";
import { PageHeader } from "@/components/shared/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { SUGGESTED_QUESTIONS } from "@/lib/ai/activity";
import { budgetStatus, conversationMessages, findConversation, listConversations } from "@/lib/ai/conversations";
import type { AskMessage } from "@/lib/ai/ask";
import { resolveModel } from "@/lib/ai/model";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Ask Sidecar" };

function NotConfigured() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Ask Sidecar is not switched on</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <p>Ask Sidecar answers questions about your clinics from your agency&apos;s own data. To switch it on, whoever runs Sidecar sets one of these and restarts it:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>AI_GATEWAY_API_KEY</code>: the Vercel AI Gateway (any provider&apos;s model by name in <code>AI_MODEL</code>)
          </li>
          <li>
            <code>OPENAI_API_KEY</code>: OpenAI, or any OpenAI-compatible endpoint with <code>OPENAI_BASE_URL</code>
          </li>
          <li>
            <code>ANTHROPIC_API_KEY</code>: Anthropic
          </li>
        </ul>
        <p className="text-muted-foreground">Everything else in Sidecar works without it.</p>
      </CardContent>
    </Card>
  );
}

export default async function AskSidecarPage({ params, searchParams }: PageProps<"/agency/[slug]/admin/insights">) {
  const { slug } = await params;
  const ctx = await requireMemberPage(slug, "ask.use");
  const { c } = await searchParams;
  const choice = resolveModel();
  const requested = typeof c === "string" && c.length <= 64 ? await findConversation(ctx, c) : null;
  const [conversations, messages, budget] = await Promise.all([
    listConversations(ctx),
    requested ? conversationMessages<AskMessage>(ctx, requested.id) : Promise.resolve([]),
    budgetStatus(ctx),
  ]);
  const usage = `${budget.used.toLocaleString("en-US")} of ${budget.budget.toLocaleString("en-US")} tokens used this month`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Ask Sidecar"
        description={choice.configured ? `Questions in plain language over your agency's data, answered with links to the records. ${usage}.` : "Questions in plain language over your agency's data."}
      />
      {choice.configured ? (
        <div className="flex flex-col gap-6 lg:flex-row">
          <ConversationList
            slug={ctx.organization.slug}
            conversations={conversations.map((x) => ({ id: x.id, title: x.title, updatedAt: x.updatedAt.toISOString() }))}
            selectedId={requested?.id ?? null}
          />
          <AskChat key={requested?.id ?? "new"} slug={ctx.organization.slug} conversationId={requested?.id ?? null} initialMessages={messages} suggestions={SUGGESTED_QUESTIONS} />
        </div>
      ) : (
        <NotConfigured />
      )}
    </div>
  );
}
