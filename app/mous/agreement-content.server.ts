import { translate } from "~/i18n/translate";
import { getSigningCertificate } from "~/pdf/certificate.server";
import type { AgreementDocument } from "~/pdf/agreement.server";
import type { DB } from "~db/schema";
import { agreementTrail, bilingual } from "./agreement-trail.server";
import { signatoriesWithOrganization } from "./mous.server";
import type { VersionContent } from "./versions.server";

const LOGO_TYPES = ["image/png", "image/jpeg"];

/**
 * Everything the agreement shows, read from the frozen version and the signatures made on it; for
 * the document signatories sign with their own certificates ("frozen"), every designated
 * signatory, nothing signed yet, and no audit trail.
 */
export async function gatherAgreement(db: DB, mouId: string, versionId: string, verifyUrl: string, issuedAt: string, stage: "frozen" | "sealed"): Promise<AgreementDocument> {
  const mou = await db.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
  const version = await db.selectFrom("mou_versions").selectAll().where("id", "=", versionId).executeTakeFirstOrThrow();
  const content = JSON.parse(version.content) as VersionContent;
  const event = mou.event_id ? await db.selectFrom("events").select(["title_vi", "title_en"]).where("id", "=", mou.event_id).executeTakeFirst() : undefined;
  const orgIds = content.parties.map((p) => p.org_id);
  const orgs = await db.selectFrom("organizations").select(["id", "name_vi", "logo_file_id"]).where("id", "in", orgIds).execute();
  const logoIds = orgs.map((o) => o.logo_file_id).filter((id): id is string => Boolean(id));
  const logos = logoIds.length
    ? await db.selectFrom("files").select(["id", "content", "mime_type"]).where("id", "in", logoIds).where("mime_type", "in", LOGO_TYPES).execute()
    : [];
  const signatories = await signatoriesWithOrganization(db)
    .select([
      "signatories.name",
      "signatories.title",
      "signatories.email",
      "signatories.signature_kind",
      "signatories.signature_data",
      "signatories.signed_at",
      "signatories.ip",
      "signatories.user_agent",
      "signatories.version_hash",
      "signatories.invited_at",
      "organizations.name_vi as org_name",
    ])
    .where("signatories.mou_id", "=", mouId)
    .where("signatories.version_id", "=", versionId)
    .where("signatories.superseded_at", "is", null)
    .$if(stage === "sealed", (q) => q.where("signatories.status", "=", "signed"))
    .orderBy(stage === "sealed" ? "signatories.signed_at" : "signatories.sign_order")
    .execute();
  const versions = await db
    .selectFrom("mou_versions")
    .leftJoin("users", "users.id", "mou_versions.created_by")
    .select(["mou_versions.number", "mou_versions.created_at", "mou_versions.content_hash", "users.name as author"])
    .where("mou_versions.mou_id", "=", mouId)
    .where("mou_versions.number", "<=", version.number)
    .orderBy("mou_versions.number")
    .execute();
  const creator = mou.created_by ? await db.selectFrom("users").select("name").where("id", "=", mou.created_by).executeTakeFirst() : undefined;
  const audit = stage === "frozen" ? [] : await agreementTrail(db, { mou, creator: creator?.name ?? null, version, versions, signatories });
  if (stage === "sealed") audit.push({ at: issuedAt, actor: translate("vi", "app.name"), step: bilingual("mous.audit.sealed"), ip: null, hash: version.content_hash });
  return {
    reference: mou.reference,
    title: content.title,
    purpose: content.purpose,
    scope: content.scope,
    event: event ? { vi: event.title_vi, en: event.title_en } : null,
    effectiveOn: content.effective_on,
    expiresOn: content.expires_on,
    versionNumber: version.number,
    versionHash: version.content_hash,
    parties: content.parties.map((p) => {
      const org = orgs.find((o) => o.id === p.org_id);
      const logo = logos.find((l) => l.id === org?.logo_file_id);
      return { name_vi: p.name_vi, name_en: p.name_en, lead: p.lead, logo: logo ? Buffer.from(logo.content) : null };
    }),
    clauses: content.clauses,
    commitments: content.commitments.map((c) => ({
      party: content.parties.find((p) => p.org_id === c.org_id)?.name_vi ?? c.org_id,
      title_vi: c.title.vi,
      title_en: c.title.en,
      target: c.kpi?.target ?? null,
      unit_vi: c.kpi?.unit_vi ?? null,
      unit_en: c.kpi?.unit_en ?? null,
      due_on: c.due_on,
      milestones: c.milestones.map((m) => ({ title_vi: m.title.vi, title_en: m.title.en, due_on: m.due_on, weight: m.weight })),
    })),
    signatories: signatories.map((s) => ({
      name: s.name,
      title: s.title,
      organization: s.org_name,
      email: s.email,
      kind: stage === "frozen" ? "pending" : (s.signature_kind ?? "typed"),
      data: s.signature_data ?? s.name,
      signedAt: stage === "frozen" ? null : s.signed_at,
    })),
    audit,
    verifyUrl,
    issuedAt,
    developmentCertificate: getSigningCertificate().source === "development",
  };
}

