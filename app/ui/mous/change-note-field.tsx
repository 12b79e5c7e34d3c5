import { useT } from "~/i18n/use-t";
import { CHANGE_NOTE_MAX } from "~/mous/mou.schema";

/** The edit page's optional note on what changed, kept with the version the save makes. */
export function ChangeNoteField({ value, error }: { value?: string; error?: string }) {
  const t = useT();
  return (
    <div className={`field card${error ? " field-invalid" : ""}`}>
      <label htmlFor="field-change_note">
        {t("mous.edit.changeNote")}
        <span className="optional-mark"> ({t("common.optional")})</span>
      </label>
      <p className="field-hint" id="field-change_note-hint">
        {t("mous.edit.changeNoteHint")}
      </p>
      <textarea
        id="field-change_note"
        name="change_note"
        rows={2}
        maxLength={CHANGE_NOTE_MAX}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-change_note-hint field-change_note-error" : "field-change_note-hint"}
      />
      {error ? (
        <p className="field-error" id="field-change_note-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
