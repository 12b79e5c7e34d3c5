import { MESSAGES, type MessageKey } from "~/i18n/messages";
import type { Translate } from "~/i18n/translate";

function labelOr(t: Translate, key: string, code: string): string {
  return Object.hasOwn(MESSAGES, key) ? t(key as MessageKey) : code;
}

/** An audit action in the reader's words; an action without a message is shown by its code. */
export function auditActionLabel(t: Translate, action: string): string {
  return labelOr(t, `audit.action.${action}`, action);
}

/** An audited object's type in the reader's words, or its code. */
export function auditTypeLabel(t: Translate, type: string): string {
  return labelOr(t, `audit.type.${type}`, type);
}
