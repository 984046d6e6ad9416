import { AskChat } from "@/components/ask/ask-chat";
import { ConversationList } from "@/components/ask/conversation-list";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AskPageData } from "@/lib/ai/page";

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

/** The Ask Sidecar page body, for the agency area and for a clinic's own pages. */
export function AskPage({ slug, data, basePath, suggestions, stacked = false }: { slug: string; data: AskPageData; basePath: string; suggestions: readonly string[]; stacked?: boolean }) {
  if (!data.configured) return <NotConfigured />;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted-foreground">
        {data.budget.used.toLocaleString("en-US")} of {data.budget.budget.toLocaleString("en-US")} tokens of this month&apos;s budget used.
      </p>
      <div className={stacked ? "flex flex-col-reverse gap-6" : "flex flex-col gap-6 lg:flex-row"}>
        <ConversationList slug={slug} basePath={basePath} conversations={data.conversations} selectedId={data.selectedId} />
        <AskChat key={data.selectedId ?? "new"} slug={slug} basePath={basePath} conversationId={data.selectedId} initialMessages={data.messages} suggestions={suggestions} />
      </div>
    </div>
  );
}
