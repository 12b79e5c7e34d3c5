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
import { registrationDeskMessages } from "./messages/registration-desk";
import { pdfInspectionMessages } from "./messages/pdf-inspection";
import { apiMessages } from "./messages/api";
import { reportMessages } from "./messages/reports";
import { auditActionMessages } from "./messages/audit-actions";
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
  ...registrationDeskMessages,
  ...pdfInspectionMessages,
  ...apiMessages,
  ...reportMessages,
  ...auditActionMessages,
  ...mouReviewMessages,
};

export type MessageKey = keyof typeof MESSAGES;
