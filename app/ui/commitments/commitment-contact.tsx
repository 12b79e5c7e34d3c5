import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { FieldFrame } from "~/ui/field";

type Props = {
  contactName: string | null;
  contactUserId: string | null;
  /** The owner organization's members, offered to its admins; null for everyone else. */
  candidates: { user_id: string; name: string }[] | null;
  error?: string;
};

/** Who reminders go to besides the owner's admins; the owner's admins change it, and the change is recorded. */
export function CommitmentContact({ contactName, contactUserId, candidates, error }: Props) {
  const t = useT();
  if (!candidates) {
    return (
      <p className="small">{`${t("commitment.contact")}: ${contactName ?? t("commitment.contact.none")}`}</p>
    );
  }
  return (
    <Form method="post" className="commitment-contact">
      <input type="hidden" name="intent" value="set-contact" />
      <FieldFrame name="contact_user_id" id="contact-user" label={t("commitment.contact")} hint={t("commitment.contact.hint")} error={error}>
        {(wiring) => (
          <select {...wiring} defaultValue={contactUserId ?? ""}>
            <option value="">{t("commitment.contact.none")}</option>
            {candidates.map((c) => (
              <option key={c.user_id} value={c.user_id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <button type="submit" className="button">
        {t("commitment.contact.save")}
      </button>
    </Form>
  );
}
