import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The weekly digest, on or off, in /account. */
export function DigestChoice({ on }: { on: boolean }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="digest-heading">
      <h2 id="digest-heading">{t("account.digest.legend")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="digest" />
        <div className="field field-checkbox">
          <label>
            <input type="checkbox" name="commitment_digest" value="on" defaultChecked={on} /> {t("account.digest.label")}
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("account.digest.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
