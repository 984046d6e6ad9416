import { Button } from "@/components/ui/button";

/** The end of an owner-only settings form: "Saved." after success, then Save, or who may change it. */
export function OwnerSave({ canEdit, pending, saved }: { canEdit: boolean; pending: boolean; saved: boolean }) {
  return (
    <>
      {saved && <p role="status" className="text-sm text-success">Saved.</p>}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : (
        <p className="text-sm text-muted-foreground">Only an owner can change this.</p>
      )}
    </>
  );
}
