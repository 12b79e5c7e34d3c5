import type { Flash } from "~/lib/flash.server";
import { useT } from "~/i18n/use-t";
import { Notice } from "./field";

/** The confirmation a redirect carried, shown once at the top of the page it led to. */
export function FlashNotice({ flash }: { flash: Flash }) {
  const t = useT();
  return (
    <div className="container flash">
      <Notice>{t(flash.key, flash.params)}</Notice>
    </div>
  );
}
