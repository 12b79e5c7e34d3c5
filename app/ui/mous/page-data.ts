import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "~/routes/mous.$id._index";

/** What the MoU page's loader sends; each part of the page takes the pieces it shows. */
export type MouPageData = SerializeFrom<typeof loader>;

/** A form's answer after a failed submission: messages by field and the values to show again. */
export type MouFormState = { errors: Record<string, string>; values: Record<string, string> };
