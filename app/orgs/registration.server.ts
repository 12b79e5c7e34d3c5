import type { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { portalOrigin } from "~/config.server";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Trx } from "~db/schema";
import type { RegistrationInput, VerificationDecisionSchema } from "./org.schema";
import { mailOrganizationAdmins } from "./org-mail.server";

type Registrant = { id: string; email: string; name: string };

/** The organization that already holds this code and was not refused, if any. */
export async function findOrganizationByTaxCode(db: Trx, taxCode: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "name_vi", "name_en"])
    .where("tax_code", "=", taxCode)
    .where("rejected_at", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
}

/**
 * A user registers their organization and becomes its admin. It awaits verification by staff;
 * the code is checked again inside the transaction, next to the insert.
 */
export async function registerOrganization(db: DB, input: RegistrationInput, user: Registrant, ip: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (await findOrganizationByTaxCode(trx, input.tax_code)) throw new DomainError("conflict", { messageKey: "orgs.taxCode.taken", field: "tax_code" });
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto("organizations")
      .values({ id, ...input, registered_by: user.id, verified: 0, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto("memberships").values({ id: newId(), org_id: id, user_id: user.id, role: "admin", created_at: now }).execute();
    await recordAudit(trx, { actorId: user.id, actorLabel: user.email, action: "org.registered", entityType: "organization", entityId: id, after: input, ip });
    return id;
  });
}

const QUEUE_PAGE = 50;

/**
 * Organizations awaiting verification, oldest first, with what they declared and, for each, the
 * other organizations that declared the same code (a duplicate, or a registration refused before).
 */
export async function listAwaitingVerification(db: DB, page: number) {
  const base = db.selectFrom("organizations").where("verified", "=", 0).where("rejected_at", "is", null);
  const [rows, total] = await Promise.all([
    base
      .leftJoin("users", "users.id", "organizations.registered_by")
      .select([
        "organizations.id",
        "organizations.name_vi",
        "organizations.name_en",
        "organizations.kind",
        "organizations.tax_code",
        "organizations.province",
        "organizations.sector",
        "organizations.website",
        "organizations.address",
        "organizations.contact_name",
        "organizations.contact_email",
        "organizations.contact_phone",
        "organizations.created_at",
        "organizations.is_sample",
        "users.email as registered_by_email",
        (eb) =>
          eb
            .selectFrom("organizations as other")
            .select((o) => o.fn.countAll<string | number>().as("n"))
            .whereRef("other.tax_code", "=", "organizations.tax_code")
            .whereRef("other.id", "!=", "organizations.id")
            .as("same_code"),
      ])
      .orderBy("organizations.created_at")
      .orderBy("organizations.id")
      .limit(QUEUE_PAGE)
      .offset((page - 1) * QUEUE_PAGE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, same_code: Number(r.same_code ?? 0) })), total: Number(total.n), pageSize: QUEUE_PAGE };
}

type Staff = { id: string; email: string };

/** Staff verify an organization awaiting it, or refuse it with a reason; its admins are told by mail in their language. */
export async function decideRegistration(db: DB, decision: z.output<typeof VerificationDecisionSchema>, staff: Staff, ip: string) {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const set =
      decision.intent === "verify"
        ? { verified: 1 as const, verified_at: now, verified_by: staff.id, updated_at: now }
        : { rejected_at: now, rejected_by: staff.id, rejection_reason: decision.reason, updated_at: now };
    const row = await trx
      .updateTable("organizations")
      .set(set)
      .where("id", "=", decision.org_id)
      .where("verified", "=", 0)
      .where("rejected_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new DomainError("conflict");
    const verified = decision.intent === "verify";
    await recordAudit(trx, {
      actorId: staff.id,
      actorLabel: staff.email,
      action: verified ? "org.verified" : "org.rejected",
      entityType: "organization",
      entityId: decision.org_id,
      after: verified ? undefined : { reason: decision.reason },
      ip,
    });
    await mailOrganizationAdmins(trx, decision.org_id, {
      kind: verified ? "org_verified" : "org_rejected",
      prefix: verified ? "orgs.mail.verified" : "orgs.mail.rejected",
      url: `${portalOrigin()}/orgs/${decision.org_id}`,
      params: verified ? {} : { reason: decision.reason },
    });
  });
}
