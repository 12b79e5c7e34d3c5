import { z } from "zod";

/** A calendar day that exists: 2026-02-30 is no day, and is dropped like any other odd value. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  });
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The audit log's filters, read from its URL (and so shared by its CSV). A value that does not
 * parse is dropped rather than refused, as on the dashboard: an edited link still shows the log.
 */
export const AuditFilterSchema = z.object({
  /** Part of the actor's email or name, or of the label kept on the entry. */
  actor: text(120).optional().catch(undefined),
  action: text(80).optional().catch(undefined),
  type: text(40).optional().catch(undefined),
  id: text(64).optional().catch(undefined),
  /** Days in Vietnam's time, both included. */
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

export type AuditFilter = z.output<typeof AuditFilterSchema>;

export const AUDIT_FILTER_KEYS = ["actor", "action", "type", "id", "from", "to"] as const;

export function parseAuditFilter(url: URL): AuditFilter {
  return AuditFilterSchema.parse(Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, url.searchParams.get(k) || undefined])));
}

/** The filters as a query string, for the CSV link. */
export function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const k of AUDIT_FILTER_KEYS) if (filter[k]) params.set(k, filter[k]!);
  const query = params.toString();
  return query ? `?${query}` : "";
}
