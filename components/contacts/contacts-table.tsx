import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { contactName } from "@/lib/contacts/names";
import { formatPhone } from "@/lib/contacts/phone";

interface Row {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  dateAdded: Date;
  location: { id: string; name: string };
}

/** Contacts as a list of cards on a phone, a table from the small breakpoint up. */
export function ContactsTable({ rows, contactHref, showClinic }: { rows: Row[]; contactHref: (id: string) => string; showClinic: boolean }) {
  return (
    <>
      <ul className="flex flex-col divide-y sm:hidden" aria-label="Contacts">
        {rows.map((row) => (
          <li key={row.id} className="py-3">
            <Link className="block font-medium hover:underline" href={contactHref(row.id)}>
              {contactName(row)}
            </Link>
            <p className="text-sm tabular-nums">{[formatPhone(row.phone), showClinic ? row.location.name : null].filter(Boolean).join(" · ") || "No phone"}</p>
            {row.email && <p className="truncate text-xs text-muted-foreground">{row.email}</p>}
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <ContactsGrid rows={rows} contactHref={contactHref} showClinic={showClinic} />
      </div>
    </>
  );
}

function ContactsGrid({ rows, contactHref, showClinic }: { rows: Row[]; contactHref: (id: string) => string; showClinic: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Name</TableHead>
          <TableHead scope="col" className="hidden md:table-cell">
            Email
          </TableHead>
          <TableHead scope="col">Phone</TableHead>
          {showClinic && (
            <TableHead scope="col" className="hidden lg:table-cell">
              Clinic
            </TableHead>
          )}
          <TableHead scope="col" className="hidden xl:table-cell">
            Tags
          </TableHead>
          <TableHead scope="col" className="hidden sm:table-cell">
            Added
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <Link className="font-medium hover:underline" href={contactHref(row.id)}>
                {contactName(row)}
              </Link>
              <div className="truncate text-xs text-muted-foreground md:hidden">{row.email}</div>
            </TableCell>
            <TableCell className="hidden max-w-56 truncate md:table-cell">{row.email}</TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{formatPhone(row.phone)}</TableCell>
            {showClinic && <TableCell className="hidden lg:table-cell">{row.location.name}</TableCell>}
            <TableCell className="hidden xl:table-cell">
              <div className="flex flex-wrap gap-1">
                {row.tags.slice(0, 4).map((tag) => (
                  <Badge key={tag} variant="secondary">
                    {tag}
                  </Badge>
                ))}
              </div>
            </TableCell>
            <TableCell className="hidden whitespace-nowrap tabular-nums sm:table-cell">{row.dateAdded.toISOString().slice(0, 10)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
