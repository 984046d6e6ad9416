"use client";

import { Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { deleteConversationAction } from "@/actions/ask/delete-conversation";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { useAction } from "@/components/shared/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export function ConversationList({
  slug,
  basePath,
  conversations,
  selectedId,
}: {
  slug: string;
  basePath: string;
  conversations: Array<{ id: string; title: string; updatedAt: string }>;
  selectedId: string | null;
}) {
  const router = useRouter();
  const base = basePath;
  const remove = useAction((input: { conversationId: string }) => deleteConversationAction(slug, input), {
    onSuccess: () => router.replace(base),
  });
  return (
    <nav aria-label="Your conversations" className="flex flex-col gap-3 lg:w-64 lg:shrink-0">
      <Button asChild variant="outline" size="sm">
        <Link href={base}>
          <Plus aria-hidden="true" /> New conversation
        </Link>
      </Button>
      {remove.formError && (
        <p role="alert" className="text-sm text-destructive">
          {remove.formError}
        </p>
      )}
      {conversations.length === 0 ? (
        <p className="text-sm text-muted-foreground">Your questions will be kept here, visible only to you.</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {conversations.map((c) => (
            <li key={c.id} className={cn("flex items-center gap-1 rounded-md", c.id === selectedId && "bg-accent")}>
              <Link
                href={`${base}?c=${encodeURIComponent(c.id)}`}
                aria-current={c.id === selectedId ? "page" : undefined}
                className="min-w-0 flex-1 truncate rounded-md px-2 py-2 text-sm hover:underline"
              >
                {c.title}
              </Link>
              <ConfirmButton
                title="Delete this conversation?"
                description={`“${c.title}” and its answers are deleted for good.`}
                confirmLabel="Delete"
                variant="ghost"
                size="icon"
                pending={remove.pending}
                onConfirm={() => remove.run({ conversationId: c.id })}
              >
                <Trash2 aria-hidden="true" />
                <span className="sr-only">Delete “{c.title}”</span>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
