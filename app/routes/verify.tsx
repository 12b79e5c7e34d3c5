import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, formatDay, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { describeRefusal, isTooLarge, readUploadForm } from "~/lib/form-body.server";
import { findIssuedAgreement } from "~/mous/agreements.server";
import { checkUploadedFile } from "~/mous/pdf-explanation.server";
import { listPublishedCertificates, type PublishedCertificate } from "~/mous/sealing-certificates.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PdfExplanationCard } from "~/ui/mous/pdf-explanation";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const code = new URL(request.url).searchParams.get("code");
  const record = code ? await findIssuedAgreement(getDb(), { code: code.slice(0, 100) }) : null;
  const certificates = await listPublishedCertificates(getDb());
  return json({ title: translate(locale, "verify.title"), code: code ? code.slice(0, 100) : null, record, certificates });
}

/**
 * Anyone may check a file: it is issued by the portal when its SHA-256 is that of an agreement we
 * sealed; whatever it is, the page tells what the file holds (signatures, what came after the seal).
 */
export async function action({ request }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const upload = await readUploadForm(request, { maxFileBytes: MAX_UPLOAD_BYTES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "verify.noFile");
    return json({ error: upload.error === "tooLarge" ? translate(locale, "verify.tooLarge") : message, result: null }, { status });
  }
  const file = upload.form.get("file");
  if (isTooLarge(file)) return json({ error: translate(locale, "verify.tooLarge"), result: null }, { status: 413 });
  if (!file || typeof file === "string" || file.size === 0) return json({ error: translate(locale, "verify.noFile"), result: null }, { status: 400 });
  const { problem, ...checked } = await checkUploadedFile(getDb(), Buffer.from(await file.arrayBuffer()));
  return json({ error: problem ? translate(locale, problem) : null, result: { ...checked, filename: file.name } }, { status: problem ? 400 : 200 });
}

type Record = NonNullable<Awaited<ReturnType<typeof findIssuedAgreement>>>;

function AgreementRecord({ record }: { record: Record }) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className="mou-facts verify-record">
      <div>
        <dt>{t("mous.field.reference")}</dt>
        <dd className="mono">{record.reference}</dd>
      </div>
      <div>
        <dt>{t("mous.field.title")}</dt>
        <dd>{localized(record, "title", locale)}</dd>
      </div>
      <div>
        <dt>{t("mous.form.parties")}</dt>
        <dd>{record.parties.map((p) => localized(p, "name", locale)).join(" × ")}</dd>
      </div>
      <div>
        <dt>{t("mous.signatories.title")}</dt>
        <dd>
          <ul>
            {record.signatories.map((s, i) => (
              <li key={i}>
                {s.name}
                {s.title ? `, ${s.title}` : ""} — {localized({ name_vi: s.org_name_vi, name_en: s.org_name_en }, "name", locale)}
                {s.signed_at ? ` · ${formatDate(s.signed_at, locale, "dateTime")}` : ""}
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div>
        <dt>{t("mous.field.effectiveOn")}</dt>
        <dd>{record.effective_on ? formatDay(record.effective_on, locale) : "—"}</dd>
      </div>
      <div>
        <dt>{t("mous.field.expiresOn")}</dt>
        <dd>{record.expires_on ? formatDay(record.expires_on, locale) : "—"}</dd>
      </div>
      <div>
        <dt>{t("verify.issuedAt")}</dt>
        <dd>{formatDate(record.issuedAt, locale, "dateTime")}</dd>
      </div>
      <div>
        <dt>{t("verify.fileHash")}</dt>
        <dd className="mono hash">{record.sha256}</dd>
      </div>
      <div>
        <dt>{t("verify.sealedBy")}</dt>
        <dd>
          {record.certificate ? (
            <>
              {record.certificate.subject}
              <br />
              <span className="mono hash">{record.certificate.fingerprint}</span>
              {record.certificate.development ? <strong className="verify-development">{t("verify.developmentCertificate")}</strong> : null}
            </>
          ) : (
            t("verify.sealedByUnrecorded")
          )}
        </dd>
      </div>
    </dl>
  );
}

function SealingCertificates({ certificates }: { certificates: PublishedCertificate[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">{t("verify.certificatesHeading")}</h2>
      <p className="small">{t("verify.certificatesLead")}</p>
      {certificates.map((c) => (
        <dl key={c.fingerprint} className="mou-facts verify-certificate">
          <div>
            <dt>{c.current ? t("verify.certificateCurrent") : t("verify.certificateEarlier")}</dt>
            <dd>
              {c.subject}
              {c.development ? <strong className="verify-development">{t("verify.developmentCertificate")}</strong> : null}
            </dd>
          </div>
          <div>
            <dt>{t("verify.certificateIssuer")}</dt>
            <dd>{c.issuer}</dd>
          </div>
          <div>
            <dt>{t("verify.certificateValidity")}</dt>
            <dd>
              {formatDate(c.notBefore, locale, "dateTime")} – {formatDate(c.notAfter, locale, "dateTime")}
            </dd>
          </div>
          <div>
            <dt>{t("verify.certificateFingerprint")}</dt>
            <dd className="mono hash">{c.fingerprint}</dd>
          </div>
          <div>
            <dt />
            <dd>
              <a href={`/verify/certificates/${c.fingerprint}`} download>
                {t("verify.certificateDownload")}
              </a>
            </dd>
          </div>
        </dl>
      ))}
    </section>
  );
}

export default function Verify() {
  const { code, record, certificates } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container page narrow">
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.lead")}</p>
      {code && !data ? (
        record ? (
          <section className="card" aria-labelledby="record-heading">
            <h2 id="record-heading">{t("verify.recordHeading")}</h2>
            <AgreementRecord record={record} />
            <p className="alert alert-info">{t("verify.compareInvite")}</p>
          </section>
        ) : (
          <div className="alert alert-error" role="alert">
            {t("verify.unknownCode")}
          </div>
        )
      ) : null}
      {data?.result ? (
        data.result.record ? (
          <section className="card verify-result verify-ok" aria-labelledby="result-heading">
            <h2 id="result-heading" className="verify-verdict">
              {t("verify.issued")}
            </h2>
            <p>{t("verify.issuedExplain", { filename: data.result.filename })}</p>
            <AgreementRecord record={data.result.record} />
          </section>
        ) : (
          <section className="card verify-result verify-bad" aria-labelledby="result-heading">
            <h2 id="result-heading" className="verify-verdict">
              {t("verify.notIssued")}
            </h2>
            <p>{t("verify.notIssuedExplain", { filename: data.result.filename })}</p>
            <p className="small">
              SHA-256 <span className="mono hash">{data.result.sha256}</span>
            </p>
          </section>
        )
      ) : null}
      {data?.result ? <PdfExplanationCard explanation={data.result.explanation} /> : null}
      <Form method="post" noValidate encType="multipart/form-data" className="form card">
        <div className={`field${data?.error ? " field-invalid" : ""}`}>
          <label htmlFor="verify-file">{t("verify.file")}</label>
          <p className="field-hint" id="verify-file-hint">
            {t("verify.fileHint")}
          </p>
          <input
            id="verify-file"
            type="file"
            name="file"
            accept="application/pdf,.pdf"
            required
            aria-invalid={data?.error ? true : undefined}
            aria-describedby={data?.error ? "verify-file-hint verify-file-error" : "verify-file-hint"}
          />
          {data?.error ? (
            <p className="field-error" id="verify-file-error" role="alert">
              {data.error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("verify.submit")}
        </button>
      </Form>
      <SealingCertificates certificates={certificates} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
