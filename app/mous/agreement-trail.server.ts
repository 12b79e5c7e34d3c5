import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { AgreementDocument } from "~/pdf/agreement.server";
import type { DB } from "~db/schema";

/** The audit-log actions printed on the agreement's audit page, with their bilingual labels. */
const AUDIT_STEPS: Record<string, MessageKey> = {
  "mou.created": "mous.audit.created",
  "mou.shared": "mous.audit.shared",
  "mou.edited": "mous.audit.edited",
  "mou.change_request": "mous.audit.changeRequest",
  "mou.signatory_added": "mous.audit.signatoryAdded",
  "mou.sent_for_signature": "mous.audit.frozen",
  "mou.signing_code_sent": "mous.audit.codeSent",
  "mou.declined": "mous.audit.declined",
  "mou.signing_closed": "mous.audit.closed",
  "mou.amendment_started": "mous.audit.amendment",
};

/** A label in both languages, "Vietnamese / English", as the agreement prints it. */
export function bilingual(key: MessageKey, params?: Record<string, string | number>): string {
  return `${translate("vi", key, params)} / ${translate("en", key, params)}`;
}

/** An IPv4 client seen through an IPv6 socket is written as the IPv4 address a reader knows. */
export function plainAddress(ip: string | null): string | null {
  return ip ? ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, "$1") : null;
}

type TrailInput = {
  mou: { id: string; created_at: string };
  creator: string | null;
  version: { number: number; frozen_at: string | null; content_hash: string };
  versions: { number: number; created_at: string; content_hash: string; author: string | null }[];
  signatories: { name: string; email: string; org_name: string; signature_kind: string | null; signed_at: string | null; ip: string | null; version_hash: string | null }[];
};

/**
 * Every step from the draft to the last signature. The audit log tells the steps with their
 * addresses; what it does not hold (MoUs drafted before it, the demo data) is told from the MoU's
 * own rows. Signatures always come from the signatory rows: they carry the email and organization.
 */
export async function agreementTrail(db: DB, input: TrailInput): Promise<AgreementDocument["audit"]> {
  const logged = await db
    .selectFrom("audit_log")
    .select(["at", "actor_label", "action", "after", "ip"])
    .where("entity_type", "=", "mou")
    .where("entity_id", "=", input.mou.id)
    .where("action", "in", Object.keys(AUDIT_STEPS))
    .orderBy("seq")
    .execute();
  const has = (action: string) => logged.some((e) => e.action === action);
  const steps: AgreementDocument["audit"] = logged.flatMap((entry) => {
    const after = (entry.after ? JSON.parse(entry.after) : {}) as { version?: number | null; hash?: string };
    // A save before sharing makes no version: nothing to report.
    if (entry.action === "mou.edited" && !after.version) return [];
    return [{ at: entry.at, actor: entry.actor_label ?? "—", step: bilingual(AUDIT_STEPS[entry.action], { n: after.version ?? "" }), ip: plainAddress(entry.ip), hash: after.hash ?? null }];
  });
  if (!has("mou.created")) {
    steps.push({ at: input.mou.created_at, actor: input.creator ?? "—", step: bilingual("mous.audit.created"), ip: null, hash: null });
    for (const v of input.versions) steps.push({ at: v.created_at, actor: v.author ?? "—", step: bilingual("mous.audit.version", { n: v.number }), ip: null, hash: v.content_hash });
  }
  if (!has("mou.sent_for_signature") && input.version.frozen_at) {
    steps.push({ at: input.version.frozen_at, actor: input.versions.at(-1)?.author ?? "—", step: bilingual("mous.audit.frozen", { n: input.version.number }), ip: null, hash: input.version.content_hash });
  }
  for (const s of input.signatories) {
    if (!s.signed_at) continue;
    steps.push({
      at: s.signed_at,
      actor: `${s.name} <${s.email}>, ${s.org_name}`,
      step: bilingual(s.signature_kind === "drawn" ? "mous.audit.signedDrawn" : s.signature_kind === "certificate" ? "mous.audit.signedCertificate" : "mous.audit.signedTyped"),
      ip: plainAddress(s.ip),
      hash: s.version_hash,
    });
  }
  return steps.sort((a, b) => a.at.localeCompare(b.at));
}
