import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { describeRefusal, isTooLarge, readUploadForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { DeclineSchema, SignSchema } from "~/mous/mou.schema";
import { listParties } from "~/mous/mous.server";
import { signWithCertificate } from "~/mous/own-signatures.server";
import { declineMou, loadFrozenVersion, requestSigningCode, requireOwnSignatory, signingClosedReason, signMou } from "~/mous/signing.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { FrozenText } from "~/ui/mous/frozen-text";
import { CertificateSigning } from "~/ui/mous/certificate-signing";
import { SignaturePad } from "~/ui/signature-pad";
import stylesheet from "~/styles/mous.css";
import { ErrorSummary } from "~/ui/error-summary";

/** A signed agreement with its fonts, images and a certificate chain is a few hundred KB; 10 MB is ample. */
const MAX_SIGNED_PDF_BYTES = 10 * 1024 * 1024;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, signatory } = await requireOwnSignatory(db, actor, args.params.id ?? "", { bind: false });
  const version = await loadFrozenVersion(db, signatory.version_id);
  const closed = await signingClosedReason(db, mou, signatory);
  const parties = await listParties(db, mou.id);
  const locale = getLocale(args.request);
  return json({
    title: translate(locale, "mous.sign.title", { reference: mou.reference }),
    mou: { id: mou.id, reference: mou.reference, title_vi: mou.title_vi, title_en: mou.title_en, deadline: mou.signing_deadline },
    signatory: { name: signatory.name, title: signatory.title, email: signatory.email, status: signatory.status, signed_at: signatory.signed_at, identifier: signatory.identifier },
    codeActive: Boolean(signatory.otp_expires_at && signatory.otp_expires_at > nowIso()),
    closed,
    parties: parties.map((p) => ({ name_vi: p.name_vi, name_en: p.name_en })),
    version: version ? { number: version.number, hash: version.content_hash, content: version.content } : null,
    consent: version ? translate(locale, "mous.sign.consent", { hash: version.content_hash }) : "",
  });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, signatory } = await requireOwnSignatory(db, actor, args.params.id ?? "", { bind: true });
  const locale = getLocale(args.request);
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_SIGNED_PDF_BYTES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload);
    return actionFailed({ errors: { signed_pdf: message }, values: { intent: "certificate" } }, status);
  }
  const form = upload.form;
  const intent = String(form.get("intent") ?? "");
  const acting = {
    user: actor.user,
    ip: args.context.clientIp,
    userAgent: args.request.headers.get("user-agent") ?? "",
    origin: args.context.origin,
  };
  const fail = (errors: Record<string, string>, status = 400) => actionFailed({ errors, values: { intent } }, status);
  if (intent === "code") {
    const result = await requestSigningCode(db, acting, mou.id, signatory.id);
    if (result.ok) return redirect(`/mous/${mou.id}/sign?code=sent`);
    return fail({ _form: translate(locale, result.error) }, result.error === "mous.sign.codeDailyLimit" ? 429 : 409);
  }
  if (intent === "decline") {
    const parsed = parseForm(form, DeclineSchema, locale);
    if (!parsed.ok) return fail(parsed.errors);
    const result = await declineMou(db, acting, mou.id, signatory.id, parsed.data.reason);
    return result.ok ? redirectWithFlash(`/mous/${mou.id}`, { key: "mous.notice.declined" }, args.context.secure) : fail({ _form: translate(locale, result.error) }, 409);
  }
  if (intent === "sign") {
    const parsed = parseForm(form, SignSchema, locale);
    if (!parsed.ok) return fail(parsed.errors);
    const { code, method, typed_signature, drawn_signature } = parsed.data;
    const result = await signMou(db, acting, mou.id, signatory.id, {
      code,
      kind: method,
      data: (method === "typed" ? typed_signature : drawn_signature) ?? "",
      consent: true,
    });
    if (!result.ok) {
      const field = result.error === "mous.sign.signatureRequired" ? "signature" : result.error.startsWith("mous.sign.code") ? "code" : "_form";
      return fail({ [field]: translate(locale, result.error) }, result.error === "mous.sign.codeDailyLimit" ? 429 : 400);
    }
    return redirectWithFlash(`/mous/${mou.id}`, { key: result.complete ? "mous.notice.completed" : "mous.notice.signed" }, args.context.secure);
  }
  if (intent === "certificate") {
    const file = form.get("signed_pdf");
    if (isTooLarge(file)) return fail({ signed_pdf: translate(locale, "mous.own.tooLarge", { max: "10 MB" }) });
    if (!(file instanceof File) || file.size === 0) return fail({ signed_pdf: translate(locale, "mous.own.noFile") });
    const result = await signWithCertificate(db, acting, mou.id, signatory.id, Buffer.from(await file.arrayBuffer()));
    const own = !result.ok && result.error.startsWith("mous.own.");
    if (!result.ok) return fail({ [own ? "signed_pdf" : "_form"]: translate(locale, result.error) }, own ? 400 : 409);
    return redirectWithFlash(`/mous/${mou.id}`, { key: result.complete ? "mous.notice.completed" : "mous.notice.signed" }, args.context.secure);
  }
  throw new Response("Bad request", { status: 400 });
}

export default function SignMou() {
  const { mou, signatory, codeActive, closed, parties, version, consent } = useLoaderData<typeof loader>();
  const { errors } = formState(useActionData<typeof action>());
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const [method, setMethod] = useState<"typed" | "drawn">("typed");

  return (
    <div className="container page narrow mou-sign">
      <p>
        <Link to={`/mous/${mou.id}`}>← {mou.reference}</Link>
      </p>
      <h1>{t("mous.sign.heading")}</h1>
      <p className="lead">{localized(mou, "title", locale)}</p>
      <p>
        {t("mous.sign.youSignAs", { name: signatory.name })}
        {signatory.title ? `, ${signatory.title}` : ""} · {parties.map((p) => localized(p, "name", locale)).join(" × ")}
      </p>
      <ErrorSummary errors={errors} />
      {closed ? (
        <div className={`alert ${closed === "alreadySigned" ? "alert-success" : "alert-info"}`} role="status">
          {t(`mous.sign.closed.${closed}` as MessageKey)}
          {signatory.signed_at ? ` ${formatDate(signatory.signed_at, locale, "dateTime")}` : ""}
        </div>
      ) : null}

      {version ? <FrozenText version={version} /> : null}

      {!closed ? (
        <>
          <section className="card" aria-labelledby="code-heading">
            <h2 id="code-heading">{t("mous.sign.step1")}</h2>
            <p>{t("mous.sign.codeHint", { email: signatory.email })}</p>
            {params.get("code") === "sent" || codeActive ? (
              <p className="alert alert-info" role="status">
                {t("mous.sign.codeSent", { email: signatory.email })}
              </p>
            ) : null}
            <Form method="post">
              <button type="submit" name="intent" value="code" className="button" disabled={busy}>
                {codeActive ? t("mous.sign.resendCode") : t("mous.sign.sendCode")}
              </button>
            </Form>
          </section>

          <Form method="post" noValidate className="form card" aria-labelledby="sign-heading">
            <h2 id="sign-heading">{t("mous.sign.step2")}</h2>
            <input type="hidden" name="intent" value="sign" />
            <Field name="code" label={t("mous.sign.code")} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required error={errors.code} />
            <fieldset className="fieldset">
              <legend>{t("mous.sign.method")}</legend>
              <label className="choice">
                <input type="radio" name="method" value="typed" checked={method === "typed"} onChange={() => setMethod("typed")} /> {t("mous.sign.methodTyped")}
              </label>
              <label className="choice">
                <input type="radio" name="method" value="drawn" checked={method === "drawn"} onChange={() => setMethod("drawn")} /> {t("mous.sign.methodDrawn")}
              </label>
              {errors.signature ? (
                <p className="field-error" role="alert">
                  {errors.signature}
                </p>
              ) : null}
              {method === "typed" ? (
                <Field name="typed_signature" label={t("mous.sign.typedLabel")} defaultValue={signatory.name} autoComplete="name" className="typed-signature" required />
              ) : (
                <SignaturePad name="drawn_signature" onDraw={() => setMethod("drawn")} />
              )}
            </fieldset>
            <div className={`field${errors.consent ? " field-invalid" : ""}`}>
              <label className="choice consent">
                <input type="checkbox" name="consent" required aria-describedby={errors.consent ? "consent-error" : undefined} /> {consent}
              </label>
              {errors.consent ? (
                <p className="field-error" id="consent-error" role="alert">
                  {errors.consent}
                </p>
              ) : null}
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("mous.sign.submit")}
              </button>
            </div>
          </Form>

          <CertificateSigning mouId={mou.id} identifier={signatory.identifier} error={errors.signed_pdf} busy={busy} />

          <details className="card">
            <summary>{t("mous.sign.declineTitle")}</summary>
            <Form method="post" noValidate className="form">
              <input type="hidden" name="intent" value="decline" />
              <div className={`field${errors.reason ? " field-invalid" : ""}`}>
                <label htmlFor="decline-reason">{t("mous.sign.declineReason")}</label>
                <textarea id="decline-reason" name="reason" rows={3} required aria-invalid={errors.reason ? true : undefined} />
                {errors.reason ? (
                  <p className="field-error" role="alert">
                    {errors.reason}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button button-danger">
                {t("mous.sign.declineSubmit")}
              </button>
            </Form>
          </details>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
