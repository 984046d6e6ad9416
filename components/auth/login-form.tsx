"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useHydrated } from "@/components/shared/use-hydrated";

const ZEmail = z.email("Enter a valid email address").max(254, "Email is too long");
const ZCode = z.string().regex(/^\d{6}$/, "The code is the 6 digits from the email");

function messageFor(error: { status?: number; message?: string; code?: string } | null): string {
  if (!error) return "Something went wrong. Please try again.";
  if (error.status === 429) return error.message ?? "Too many attempts. Wait a few minutes and try again.";
  if (error.code === "TOO_MANY_ATTEMPTS") return "Too many wrong codes. Request a new code.";
  if (error.code === "OTP_EXPIRED") return "That code has expired. Request a new one.";
  if (error.code === "INVALID_OTP") return "That code is not right. Check the email and try again.";
  return error.message ?? "Something went wrong. Please try again.";
}

export function LoginForm({ next, initialEmail, githubEnabled }: { next: string; initialEmail?: string; githubEnabled: boolean }) {
  const router = useRouter();
  const [step, setStep] = useState<"email" | "code">("email");
  const [email, setEmail] = useState(initialEmail ?? "");
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, setPending] = useState(false);
  // Until React runs, a submit would reload the page and lose what was typed.
  const ready = useHydrated();

  async function requestCode(event?: React.FormEvent) {
    event?.preventDefault();
    setFormError(undefined);
    const parsed = ZEmail.safeParse(email.trim());
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message);
    setFieldError(undefined);
    setPending(true);
    const { error } = await authClient.emailOtp.sendVerificationOtp({ email: parsed.data.toLowerCase(), type: "sign-in" });
    setPending(false);
    if (error) return setFormError(messageFor(error));
    setEmail(parsed.data.toLowerCase());
    setStep("code");
    setNotice(`If ${parsed.data} has access to Sidecar, a 6-digit code is on its way. It expires in 10 minutes.`);
  }

  async function verifyCode(event: React.FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const parsed = ZCode.safeParse(code.trim());
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message);
    setFieldError(undefined);
    setPending(true);
    const { error } = await authClient.signIn.emailOtp({ email, otp: parsed.data });
    if (error) {
      setPending(false);
      return setFormError(messageFor(error));
    }
    router.replace(`/auth/continue?next=${encodeURIComponent(next)}`);
  }

  return (
    <div className="flex flex-col gap-5">
      {step === "email" ? (
        <form onSubmit={requestCode} noValidate className="flex flex-col gap-4" data-ready={ready || undefined}>
          <FormField id="email" label="Work email" error={fieldError}>
            <Input type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          </FormField>
          <FormError message={formError} />
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Sending…" : "Email me a sign-in code"}
          </Button>
        </form>
      ) : (
        <form onSubmit={verifyCode} noValidate className="flex flex-col gap-4">
          {notice && (
            <p role="status" className="text-sm text-muted-foreground">
              {notice}
            </p>
          )}
          <FormField id="code" label="6-digit code" error={fieldError}>
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
              autoFocus
            />
          </FormField>
          <FormError message={formError} />
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Sign in"}
          </Button>
          <div className="flex justify-between text-sm">
            <button type="button" className="text-primary underline-offset-4 hover:underline" onClick={() => (setStep("email"), setCode(""), setFormError(undefined))}>
              Use another email
            </button>
            <button type="button" className="text-primary underline-offset-4 hover:underline" disabled={pending} onClick={() => requestCode()}>
              Send a new code
            </button>
          </div>
        </form>
      )}
      {githubEnabled && (
        <>
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
          <Button
            variant="outline"
            onClick={() => authClient.signIn.social({ provider: "github", callbackURL: `/auth/continue?next=${encodeURIComponent(next)}` })}
          >
            Continue with GitHub
          </Button>
        </>
      )}
    </div>
  );
}
