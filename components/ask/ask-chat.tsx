"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, getToolName, isToolUIPart, type UIMessage } from "ai";
import { Check, Copy, Loader2, RotateCw, Send, Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { activityLabel, answerPieces, refsIn } from "@/lib/ai/activity";
import { UNREACHABLE } from "@/components/shared/use-action";

type AskMessage = UIMessage<{ conversationId?: string }>;

/** The error a refused question carries ({code, error} JSON), as one sentence. */
function errorText(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: string };
    if (parsed.error) return parsed.error;
  } catch {
    // not JSON: a stream error's text, or the network
  }
  if (/fetch|network/i.test(error.message)) return UNREACHABLE;
  return error.message.length < 300 ? error.message : "Sidecar could not answer just now. Try again.";
}

function messageText(message: AskMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

function AnswerText({ text, slug }: { text: string; slug: string }) {
  const pieces = useMemo(() => answerPieces(text, slug), [text, slug]);
  return (
    <div className="whitespace-pre-wrap break-words leading-relaxed">
      {pieces.map((piece, i) =>
        piece.kind === "link" ? (
          <Link key={i} href={piece.href} className="font-medium text-primary underline underline-offset-2">
            {piece.text}
          </Link>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={async () => {
        await navigator.clipboard.writeText(text).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      <span>{copied ? "Copied" : "Copy answer"}</span>
    </Button>
  );
}

function ToolActivity({ part }: { part: Parameters<typeof getToolName>[0] & { state: string; input?: unknown; output?: unknown } }) {
  const name = getToolName(part);
  const done = part.state === "output-available";
  const failed = part.state === "output-error";
  const input = (part.input ?? undefined) as Record<string, unknown> | undefined;
  const refs = done ? refsIn(part.output, 8) : [];
  return (
    <li className="text-sm text-muted-foreground">
      <span className="inline-flex items-center gap-2">
        {done ? <Check aria-hidden="true" className="size-4 text-success" /> : failed ? null : <Loader2 aria-hidden="true" className="size-4 animate-spin" />}
        {failed ? "A lookup failed" : `${activityLabel(name, input, done)}${done ? "" : "…"}`}
      </span>
      {refs.length > 0 && (
        <ul aria-label="Records used" className="mt-1 flex flex-wrap gap-x-3 gap-y-1 pl-6">
          {refs.map((ref) => (
            <li key={`${ref.type}:${ref.id}`}>
              <Link href={ref.href} className="text-xs text-primary underline underline-offset-2">
                {ref.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function AskChat({
  slug,
  basePath,
  conversationId,
  initialMessages,
  suggestions,
}: {
  slug: string;
  /** The page the chat lives on; a new conversation's id is added to it as ?c=. */
  basePath: string;
  conversationId: string | null;
  initialMessages: AskMessage[];
  suggestions: readonly string[];
}) {
  const router = useRouter();
  const [current, setCurrent] = useState<string | null>(conversationId);
  const [draft, setDraft] = useState("");
  const transport = useMemo(
    () =>
      new DefaultChatTransport<AskMessage>({
        api: `/api/agency/${slug}/ask`,
        // Only the new question goes up: the server holds the conversation and sends the model its history.
        prepareSendMessagesRequest: ({ messages, body }) => ({
          body: { conversationId: (body?.conversationId as string | null | undefined) ?? null, text: messages.length ? messageText(messages[messages.length - 1]!) : "" },
        }),
      }),
    [slug],
  );
  const { messages, sendMessage, status, error, stop, regenerate, clearError } = useChat<AskMessage>({
    id: conversationId ?? undefined,
    messages: initialMessages,
    transport,
    onFinish: ({ message }) => {
      const id = message.metadata?.conversationId;
      if (id && current !== id) setCurrent(id);
      // A member who already followed a citation elsewhere stays there.
      if (window.location.pathname !== basePath) return;
      if (id) window.history.replaceState(null, "", `${basePath}?c=${encodeURIComponent(id)}`);
      router.refresh();
    },
  });
  const busy = status === "submitted" || status === "streaming";

  const ask = (text: string) => {
    const question = text.trim();
    if (!question || busy) return;
    clearError();
    setDraft("");
    void sendMessage({ text: question }, { body: { conversationId: current } });
  };

  return (
    <section aria-label="Ask Sidecar" className="flex min-w-0 flex-1 flex-col gap-4">
      {messages.length === 0 && (
        <div className="rounded-lg border bg-card p-4">
          <h2 className="text-sm font-medium">Try one of these</h2>
          <ul className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {suggestions.map((s) => (
              <li key={s}>
                <Button variant="outline" size="sm" className="h-auto whitespace-normal py-2 text-left" onClick={() => ask(s)}>
                  {s}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <ol aria-label="Conversation" aria-live="polite" aria-busy={busy} className="flex flex-col gap-4">
        {messages.map((message) => {
          const text = messageText(message);
          const tools = message.parts.filter(isToolUIPart);
          return message.role === "user" ? (
            <li key={message.id} className="ml-auto max-w-[85%] rounded-lg bg-primary px-4 py-2 text-primary-foreground">
              <span className="sr-only">You asked: </span>
              <span className="whitespace-pre-wrap break-words">{text}</span>
            </li>
          ) : (
            <li key={message.id} className="flex max-w-full flex-col gap-2 rounded-lg border bg-card px-4 py-3">
              <span className="sr-only">Sidecar answered:</span>
              {tools.length > 0 && (
                <ul aria-label="What Sidecar looked up" className="flex flex-col gap-1">
                  {tools.map((part) => (
                    <ToolActivity key={part.toolCallId} part={part} />
                  ))}
                </ul>
              )}
              {text && <AnswerText text={text} slug={slug} />}
              {text && status !== "streaming" && (
                <div className="flex justify-end">
                  <CopyButton text={text} />
                </div>
              )}
            </li>
          );
        })}
        {status === "submitted" && (
          <li className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 aria-hidden="true" className="size-4 animate-spin" /> Thinking…
          </li>
        )}
      </ol>

      {error && (
        <Alert variant="destructive" role="alert">
          <AlertTitle>No answer this time</AlertTitle>
          <AlertDescription className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <span>{errorText(error)}</span>
            <Button variant="outline" size="sm" onClick={() => void regenerate({ body: { conversationId: current } })}>
              <RotateCw aria-hidden="true" /> Retry
            </Button>
          </AlertDescription>
        </Alert>
      )}

      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          ask(draft);
        }}
      >
        <label htmlFor="ask-question" className="sr-only">
          Your question
        </label>
        <textarea
          id="ask-question"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              ask(draft);
            }
          }}
          maxLength={1000}
          rows={2}
          placeholder="Ask about appointments, no-shows, supplies, sync…"
          className="min-h-[44px] w-full flex-1 resize-y rounded-md border border-input bg-background px-3 py-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        {busy ? (
          <Button type="button" variant="outline" onClick={() => void stop()}>
            <Square aria-hidden="true" /> Stop
          </Button>
        ) : (
          <Button type="submit" disabled={!draft.trim()}>
            <Send aria-hidden="true" /> Ask
          </Button>
        )}
      </form>
      <p className="text-xs text-muted-foreground">
        Answers come only from your agency&apos;s data in Sidecar. Patients are named only when you name them; notes and contact details never leave Sidecar.
      </p>
    </section>
  );
}
