import type { MessageKey } from "~/i18n/messages";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { RevocationStatus } from "./revocation-status";
import type { AppendedRevision, PdfExplanation, SignatureExplanation } from "~/mous/pdf-explanation.server";

function changeList(t: ReturnType<typeof useT>, revision: AppendedRevision): string {
  const kinds = revision.kinds.map((k) => t(`verify.inspect.change.${k}` as MessageKey)).join(", ");
  return t(revision.content ? "verify.inspect.changesContent" : "verify.inspect.changesSignatures", { kinds });
}

function SignatureCard({ signature, n }: { signature: SignatureExplanation; n: number }) {
  const t = useT();
  const locale = useLocale();
  const good = signature.verdict === "valid";
  const certificate = signature.certificate;
  return (
    <li className={`verify-signature ${good ? "verify-signature-ok" : "verify-signature-bad"}`}>
      <h3>
        {t("verify.inspect.signature", { n })}
        {signature.field ? <span className="muted small"> · {signature.field}</span> : null}
      </h3>
      <p className="verify-signature-verdict">
        <strong>{t(`verify.inspect.verdict.${signature.verdict}`)}</strong>{" "}
        {t(`verify.inspect.coverage.${signature.coverage}`, { n: (signature.revision ?? 0) + 1 })}
      </p>
      <dl className="mou-facts">
        {certificate ? (
          <>
            <div>
              <dt>{t("verify.inspect.signer")}</dt>
              <dd>
                {certificate.subject}
                <span className={signature.portalSeal ? "verify-portal" : "muted"}>
                  {" "}
                  {t(signature.portalSeal ? (signature.portalSeal.current ? "verify.inspect.portalSeal" : "verify.inspect.portalSealEarlier") : "verify.inspect.notPortal")}
                </span>
                {signature.portalSeal?.development ? <strong className="verify-development">{t("verify.developmentCertificate")}</strong> : null}
              </dd>
            </div>
            {signature.signatory ? (
              <div>
                <dt>{t("mous.revocation.signatory")}</dt>
                <dd>
                  {signature.signatory.name} · <RevocationStatus facts={signature.signatory} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("verify.inspect.issuer")}</dt>
              <dd>{certificate.issuer}</dd>
            </div>
            <div>
              <dt>{t("verify.inspect.validity")}</dt>
              <dd>
                {formatDate(certificate.notBefore, locale, "dateTime")} – {formatDate(certificate.notAfter, locale, "dateTime")}
              </dd>
            </div>
            <div>
              <dt>{t("verify.inspect.fingerprint")}</dt>
              <dd className="mono hash">{certificate.fingerprint}</dd>
            </div>
          </>
        ) : null}
        {signature.claimedTime ? (
          <div>
            <dt>{t("verify.inspect.time")}</dt>
            <dd>{formatDate(signature.claimedTime, locale, "dateTime")}</dd>
          </div>
        ) : null}
        {signature.timestamp ? (
          <div>
            <dt>{t("verify.inspect.timestamp")}</dt>
            <dd>{t(signature.timestamp.valid ? "verify.inspect.timestampValid" : "verify.inspect.timestampInvalid", { at: formatDate(signature.timestamp.at, locale, "dateTime") })}</dd>
          </div>
        ) : null}
        {signature.subFilter ? (
          <div>
            <dt>{t("verify.inspect.format")}</dt>
            <dd className="mono">{signature.subFilter}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

/** What /verify read in the uploaded file: its saves, each signature, and what came after the portal's seal. */
export function PdfExplanationCard({ explanation }: { explanation: PdfExplanation }) {
  const t = useT();
  if (!explanation.readable) return null;
  const afterSeal = explanation.afterSeal;
  const content = afterSeal?.some((r) => r.content);
  return (
    <section className="card verify-inspection" aria-labelledby="inspection-heading">
      <h2 id="inspection-heading">{t("verify.inspect.heading")}</h2>
      <p>{t("verify.inspect.revisions", { count: explanation.revisions })}</p>
      {afterSeal === null ? (
        <p className="alert alert-info">{t("verify.inspect.noPortalSeal")}</p>
      ) : (
        <div className={`alert ${content ? "alert-error" : afterSeal.length ? "alert-info" : "alert-success"}`} role="status">
          <p>{t(content ? "verify.inspect.afterSeal.content" : afterSeal.length ? "verify.inspect.afterSeal.signatures" : "verify.inspect.afterSeal.none")}</p>
          {afterSeal.length ? (
            <ul>
              {afterSeal.map((r) => (
                <li key={r.revision}>
                  {t("verify.inspect.revision", { n: r.revision + 1 })}: {changeList(t, r)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {explanation.trailingBytes > 0 ? <p className="alert alert-error">{t("verify.inspect.trailingBytes", { count: explanation.trailingBytes })}</p> : null}
      {explanation.signatures.length ? (
        <ol className="verify-signatures">
          {explanation.signatures.map((s, i) => (
            <SignatureCard key={i} signature={s} n={i + 1} />
          ))}
        </ol>
      ) : (
        <p>{t("verify.inspect.noSignatures")}</p>
      )}
    </section>
  );
}
