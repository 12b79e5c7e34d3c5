import { commonMessages } from "./messages/common";
import { homeMessages } from "./messages/home";
import { eventMessages } from "./messages/events";
import { authMessages } from "./messages/auth";
import { orgMessages } from "./messages/orgs";
import { adminMessages } from "./messages/admin";
import { mouMessages } from "./messages/mous";
import { commitmentMessages } from "./messages/commitments";
import { sealMessages } from "./messages/seals";
import { commitmentProcessMessages } from "./messages/commitment-process";
import { monitoringMessages } from "./messages/monitoring";
import { mouReviewMessages } from "./messages/mou-review";

/**
 * Every string the portal shows, in Vietnamese and English side by side, one file per domain.
 * A key missing from either language is a type error, not a blank on the page.
 */
export const MESSAGES = {
  ...commonMessages,
  ...homeMessages,
  ...eventMessages,
  ...authMessages,
  ...orgMessages,
  ...adminMessages,
  ...mouMessages,
  ...commitmentMessages,
  ...sealMessages,
  ...commitmentProcessMessages,
  ...monitoringMessages,
  ...mouReviewMessages,
};

export type MessageKey = keyof typeof MESSAGES;
