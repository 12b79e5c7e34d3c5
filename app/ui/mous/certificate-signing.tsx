import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/**
 * Signing with one's own licensed-CA certificate: download the frozen document, sign it in the
 * usual tool, upload it back. Without an identifier recorded for the signatory there is nothing
 * to match a certificate against, so the page says who must add it.
 */
export function CertificateSigning({ mouId, identifier, error, busy }: { mouId: string; identifier: string | null; error?: string; busy: boolean }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">{t("mous.own.heading")}</h2>
      <p>{t("mous.own.lead")}</p>
      {identifier ? (
        <>
          <p className="small">{t("mous.own.identifier", { identifier })}</p>
          <p>
            <a className="button" href={`/mous/${mouId}/sign/document.pdf`} download>
              {t("mous.own.download")}
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" className="form">
            <input type="hidden" name="intent" value="certificate" />
            <div className={`field${error ? " field-invalid" : ""}`}>
              <label htmlFor="signed-pdf">{t("mous.own.file")}</label>
              <input
                id="signed-pdf"
                type="file"
                name="signed_pdf"
                accept="application/pdf,.pdf"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "signed-pdf-error" : undefined}
              />
              {error ? (
                <p className="field-error" id="signed-pdf-error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("mous.own.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="small muted">{t("mous.own.noIdentifier")}</p>
      )}
    </section>
  );
}
