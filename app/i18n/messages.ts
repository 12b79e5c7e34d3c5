import { commonMessages } from "./messages/common";
import { homeMessages } from "./messages/home";
import { eventMessages } from "./messages/events";
import { authMessages } from "./messages/auth";
import { commitmentMessages } from "./messages/commitments";

/**
 * Every string the portal shows, in Vietnamese and English side by side, one file per domain.
 * A key missing from either language is a type error, not a blank on the page.
 */
export const MESSAGES = {
  ...commonMessages,
  ...homeMessages,
  ...eventMessages,
  ...authMessages,
  ...commitmentMessages,
};

export type MessageKey = keyof typeof MESSAGES;
