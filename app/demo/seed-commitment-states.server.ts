import { newId } from "~/lib/ids.server";
import type { TimelineKind, Tx } from "~db/schema";
import { addDays, at, dayFromToday } from "./days";
import { insertCommitments } from "./seed-commitments.server";

/**
 * More commitments of the forum MoU, so that it shows every state the process knows: done, at
 * risk (a baseline KPI and a milestone due within a week), very late, a report awaiting
 * confirmation and one returned with a comment. With the first three (on track, delayed) that is
 * all of them. Everything here is sample data, dated relative to today.
 */
export async function seedCommitmentStates(trx: Tx, { mouId, forumDay, signer3ds, signerKami }: { mouId: string; forumDay: string; signer3ds: string; signerKami: string }) {
  const [, iot, quality] = await insertCommitments(trx, mouId, forumDay, [
    {
      org: "dassault-systemes",
      title_vi: "Tặng 10 giấy phép ENOVIA cho Sở Khoa học và Công nghệ (dữ liệu mẫu)",
      title_en: "Donate 10 ENOVIA licences to the Department of Science and Technology (sample data)",
      kpi_target: 10,
      kpi_unit_vi: "giấy phép",
      kpi_unit_en: "licences",
      kpi_current: 10,
      due_on: addDays(forumDay, 60),
      milestones: [{ title_vi: "Bàn giao giấy phép", title_en: "Licences handed over", due_on: addDays(forumDay, 10), weight: 1, status: "done" }],
    },
    {
      org: "kami",
      title_vi: "Kết nối IoT cho 20 máy CNC (dữ liệu mẫu)",
      title_en: "Connect 20 CNC machines over IoT (sample data)",
      kpi_baseline: 2,
      kpi_target: 20,
      kpi_unit_vi: "máy",
      kpi_unit_en: "machines",
      kpi_current: 2,
      due_on: addDays(forumDay, 200),
      contact_user_id: signerKami,
      milestones: [{ title_vi: "Lắp cảm biến cho xưởng 1", title_en: "Sensors fitted in workshop 1", due_on: dayFromToday(5), weight: 1, status: "pending" }],
    },
    {
      org: "kami",
      title_vi: "Số hóa quy trình kiểm tra chất lượng (dữ liệu mẫu)",
      title_en: "Digitise the quality inspection process (sample data)",
      kpi_target: null,
      kpi_unit_vi: null,
      kpi_unit_en: null,
      kpi_current: 0,
      due_on: addDays(forumDay, 150),
      milestones: [
        { title_vi: "Quy trình kiểm tra trên ENOVIA", title_en: "Inspection workflow in ENOVIA", due_on: dayFromToday(-18), weight: 1, status: "in_progress" },
        { title_vi: "Đào tạo tổ QC", title_en: "QC team trained", due_on: addDays(forumDay, 120), weight: 1, status: "pending" },
      ],
    },
  ]);

  const step = async (commitmentId: string, updateId: string, kind: TimelineKind, actorId: string, actorLabel: string, when: string, body: string | null = null) =>
    trx.insertInto("commitment_timeline").values({ id: newId(), commitment_id: commitmentId, progress_update_id: updateId, kind, actor_id: actorId, actor_label: actorLabel, body, before: null, after: null, at: when }).execute();

  // Awaiting the other party's confirmation since yesterday.
  const waiting = newId();
  const yesterday = at(dayFromToday(-1), "16:00");
  await trx
    .insertInto("progress_updates")
    .values({ id: waiting, commitment_id: iot!, milestone_id: null, author_id: signerKami, note: "Đã kết nối 8 máy CNC tại xưởng 1 (dữ liệu mẫu).", kpi_value: 8, status: "submitted", milestone_status: null, submitted_at: yesterday, created_at: yesterday })
    .execute();
  await step(iot!, waiting, "update.submitted", signerKami, "Đỗ Thị Thu Trang", yesterday);

  // Returned by Dassault Systèmes with a comment: Kami is to revise it.
  const returned = newId();
  const sent = at(dayFromToday(-6), "10:00");
  const back = at(dayFromToday(-5), "09:30");
  await trx
    .insertInto("progress_updates")
    .values({ id: returned, commitment_id: quality!, milestone_id: null, author_id: signerKami, note: "Đã số hóa biểu mẫu kiểm tra (dữ liệu mẫu).", kpi_value: null, status: "returned", milestone_status: null, submitted_at: sent, decided_by: signer3ds, decided_at: back, created_at: sent })
    .execute();
  await step(quality!, returned, "update.submitted", signerKami, "Đỗ Thị Thu Trang", sent);
  await step(quality!, returned, "update.returned", signer3ds, "Nguyễn Hoàng Nam", back, "Vui lòng đính kèm ảnh chụp quy trình trên ENOVIA (dữ liệu mẫu).");
}
