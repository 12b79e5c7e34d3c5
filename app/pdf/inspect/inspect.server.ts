import { Budget, InspectLimitError } from "./budget.server";
import { classifyRevision, type RevisionChanges } from "./changes.server";
import { PdfDocument } from "./document.server";
import { findSignatures, type SignatureFinding } from "./signatures.server";
import { PdfSyntaxError } from "./syntax.server";

export type { ChangeKind, RevisionChanges } from "./changes.server";
export type { Coverage, SignatureFinding } from "./signatures.server";

export type PdfInspection =
  | { ok: true; size: number; revisions: { index: number; end: number }[]; signatures: SignatureFinding[]; changes: RevisionChanges[]; trailingBytes: number }
  | { ok: false; reason: "notPdf" | "unreadable" | "tooComplex" };

/**
 * Reads any PDF as its revisions, its signatures (each checked over its byte range) and what
 * each later revision changed. Untrusted input: every bound is in `Budget`, and a file that breaks
 * PDF syntax or passes a bound gets a reason, never an exception.
 */
export async function inspectPdf(buf: Buffer): Promise<PdfInspection> {
  if (buf.subarray(0, 1024).indexOf("%PDF-") < 0) return { ok: false, reason: "notPdf" };
  try {
    const doc = PdfDocument.open(buf, new Budget());
    const changes = doc.revisions.slice(1).map((r) => classifyRevision(doc, r.index));
    const signatures = await findSignatures(doc);
    return { ok: true, size: buf.length, revisions: doc.revisions.map((r) => ({ index: r.index, end: r.end })), signatures, changes, trailingBytes: doc.trailingBytes };
  } catch (error) {
    if (error instanceof InspectLimitError) return { ok: false, reason: "tooComplex" };
    if (!(error instanceof PdfSyntaxError)) console.warn("pdf inspection stopped on an unexpected error", error);
    // Whatever stopped the reading, the file came from anyone: it is unreadable, never a server error.
    return { ok: false, reason: "unreadable" };
  }
}
