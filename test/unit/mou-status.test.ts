import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canMoveMou, EDITABLE_STATUSES, hasEnded, isEditableStatus, MOU_STATUSES, sealedStatus, statusAfter, statusesBefore, type MouMove } from "~/mous/status";
import type { MouStatus } from "~db/schema";

/** Every move, the statuses it may start from, and where it lands: the whole table, spelled out once more. */
const EXPECTED: Record<MouMove, { from: MouStatus[]; to: MouStatus }> = {
  share: { from: ["draft"], to: "in_review" },
  reopen: { from: ["draft"], to: "in_review" },
  send_for_signature: { from: ["draft", "in_review"], to: "awaiting_signatures" },
  decline: { from: ["awaiting_signatures"], to: "draft" },
  close_signing: { from: ["awaiting_signatures"], to: "draft" },
  seal: { from: ["awaiting_signatures", "active"], to: "active" },
  amend: { from: ["active"], to: "in_review" },
  take_effect: { from: ["signed"], to: "active" },
  expire: { from: ["active"], to: "expired" },
};

describe("the MoU status rules", () => {
  for (const [move, { from, to }] of Object.entries(EXPECTED) as [MouMove, (typeof EXPECTED)[MouMove]][]) {
    for (const status of MOU_STATUSES) {
      const allowed = from.includes(status);
      it(`${allowed ? "allows" : "refuses"} ${move} from ${status}`, () => {
        expect(canMoveMou(move, status)).toBe(allowed);
      });
    }
    it(`${move} lands on ${to}, guarded by the statuses it starts from`, () => {
      expect(statusAfter(move)).toBe(to);
      expect(statusesBefore(move)).toEqual(from);
    });
  }

  it("seals an MoU as signed while its effective date is ahead, as active from that day on", () => {
    expect(sealedStatus("2026-12-02", "2026-12-01")).toBe("signed");
    expect(sealedStatus("2026-12-01", "2026-12-01")).toBe("active");
    expect(sealedStatus("2026-11-30", "2026-12-01")).toBe("active");
    expect(sealedStatus(null, "2026-12-01")).toBe("active");
  });

  it("leaves the text editable in draft and in review only", () => {
    expect(MOU_STATUSES.filter(isEditableStatus)).toEqual(["draft", "in_review"]);
    expect(EDITABLE_STATUSES).toEqual(["draft", "in_review"]);
  });

  it("ends an MoU when it is completed, expired or terminated, and no earlier", () => {
    expect(MOU_STATUSES.filter(hasEnded)).toEqual(["completed", "expired", "terminated"]);
  });

  it("is the only place that spells out which statuses are editable", () => {
    const APP = path.resolve(__dirname, "../../app");
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    // "draft or in review" written out by hand, in either order, in a comparison or a list.
    const copy = /["']draft["']\s*(\|\||&&|,)[^\n]*["']in_review["']|["']in_review["']\s*(\|\||&&|,)[^\n]*["']draft["']/;
    const offending = files(APP)
      .filter((file) => !file.endsWith(path.join("mous", "status.ts")) && !file.includes(`${path.sep}i18n${path.sep}`))
      .filter((file) => copy.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(APP, file));
    expect(offending).toEqual([]);
  });
});
