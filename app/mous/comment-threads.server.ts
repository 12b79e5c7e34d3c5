import { recordAudit } from "~/audit/audit-log.server";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { nowIso } from "~/lib/time";
import type { DB } from "~db/schema";
import { mailAboutMou, partyMembers } from "./notify.server";

type Acting = { user: { id: string; name: string }; ip: string; origin: string };

/** Starts a thread on the MoU's current version; a change request is mailed to the other parties. */
export async function addComment(db: DB, acting: Acting, mouId: string, input: { kind: "comment" | "change_request"; body: string }) {
  await db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const id = newId();
    await trx
      .insertInto("mou_comments")
      .values({ id, mou_id: mouId, version_id: mou.current_version_id, clause_id: null, author_id: acting.user.id, kind: input.kind, body: input.body, resolved_at: null, created_at: nowIso() })
      .execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: `mou.${input.kind}`, entityType: "mou", entityId: mouId, after: { comment: id }, ip: acting.ip });
    if (input.kind === "change_request") {
      await mailAboutMou(trx, await partyMembers(trx, mouId, { exceptUserId: acting.user.id }), {
        kind: "mou_change_request",
        prefix: "mous.mail.changeRequest",
        mou,
        url: `${acting.origin}/mous/${mouId}`,
        params: { author: acting.user.name },
        extra: () => [input.body],
      });
    }
  });
}

/** A thread's first comment on this MoU, for the permission check; a reply or a stranger's id is not found. */
export async function findThread(db: DB, mouId: string, threadId: string) {
  const thread = await db
    .selectFrom("mou_comments")
    .select(["id", "author_id", "resolved_at"])
    .where("id", "=", threadId)
    .where("mou_id", "=", mouId)
    .where("parent_id", "is", null)
    .executeTakeFirst();
  if (!thread) throw new DomainError("notFound");
  return thread;
}

/**
 * Answers a thread, one level deep: a reply to a reply joins the same thread. A resolved thread
 * takes no reply until it is reopened, so that a point closed stays closed on purpose. The
 * thread's author hears of the answer by mail unless they wrote it.
 */
export async function replyToThread(db: DB, acting: Acting, mouId: string, threadId: string, body: string) {
  await db.transaction().execute(async (trx) => {
    const thread = await trx
      .selectFrom("mou_comments")
      .innerJoin("users", "users.id", "mou_comments.author_id")
      .select(["mou_comments.id", "mou_comments.resolved_at", "mou_comments.author_id", "users.email"])
      .where("mou_comments.id", "=", threadId)
      .where("mou_comments.mou_id", "=", mouId)
      .where("mou_comments.parent_id", "is", null)
      .executeTakeFirst();
    if (!thread) throw new DomainError("notFound");
    if (thread.resolved_at) throw new DomainError("conflict", { messageKey: "mous.comments.threadResolved" });
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const id = newId();
    await trx
      .insertInto("mou_comments")
      .values({ id, mou_id: mouId, version_id: mou.current_version_id, clause_id: null, parent_id: thread.id, author_id: acting.user.id, kind: "comment", body, resolved_at: null, created_at: nowIso() })
      .execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.comment_reply", entityType: "mou", entityId: mouId, after: { comment: id, thread: thread.id }, ip: acting.ip });
    // Only while the author still takes part: someone who left the party is told nothing more.
    const author = (await partyMembers(trx, mouId, { exceptUserId: acting.user.id })).filter((r) => r.email === thread.email);
    await mailAboutMou(trx, author, {
      kind: "mou_comment_reply",
      prefix: "mous.mail.reply",
      mou,
      url: `${acting.origin}/mous/${mouId}#comment-${thread.id}`,
      params: { author: acting.user.name },
      extra: () => [body],
    });
  });
}

/** Resolves or reopens a thread; asking for the state it is already in changes and records nothing. */
export async function setThreadResolved(db: DB, acting: Acting, mouId: string, threadId: string, resolved: boolean) {
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    const changed = await trx
      .updateTable("mou_comments")
      .set(resolved ? { resolved_at: at, resolved_by: acting.user.id } : { resolved_at: null, resolved_by: null })
      .where("id", "=", threadId)
      .where("mou_id", "=", mouId)
      .where("parent_id", "is", null)
      .where("resolved_at", resolved ? "is" : "is not", null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return;
    await recordAudit(trx, {
      actorId: acting.user.id,
      actorLabel: acting.user.name,
      action: resolved ? "mou.thread_resolved" : "mou.thread_reopened",
      entityType: "mou",
      entityId: mouId,
      after: { thread: threadId },
      ip: acting.ip,
    });
  });
}

/**
 * One page of threads, oldest first, each with its replies, and how many threads there are and
 * how many are still open, counted in the database.
 */
export async function listCommentThreads(db: DB, mouId: string, page = 1) {
  const comments = db
    .selectFrom("mou_comments")
    .innerJoin("users as author", "author.id", "mou_comments.author_id")
    .leftJoin("mou_versions", "mou_versions.id", "mou_comments.version_id")
    .where("mou_comments.mou_id", "=", mouId);
  const fields = ["mou_comments.id", "mou_comments.kind", "mou_comments.body", "mou_comments.created_at", "author.id as author_id", "author.name as author", "mou_versions.number as version_number"] as const;
  const [threads, counts] = await Promise.all([
    comments
      .leftJoin("users as resolver", "resolver.id", "mou_comments.resolved_by")
      .select([...fields, "mou_comments.resolved_at", "resolver.name as resolved_by"])
      .where("mou_comments.parent_id", "is", null)
      .orderBy("mou_comments.created_at")
      .orderBy("mou_comments.id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    db
      .selectFrom("mou_comments")
      .select((eb) => [eb.fn.countAll().as("total"), eb.fn.count(eb.case().when("resolved_at", "is", null).then(1).end()).as("open")])
      .where("mou_id", "=", mouId)
      .where("parent_id", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  const replies = threads.length
    ? await comments
        .select([...fields, "mou_comments.parent_id"])
        .where(
          "mou_comments.parent_id",
          "in",
          threads.map((t) => t.id),
        )
        .orderBy("mou_comments.created_at")
        .orderBy("mou_comments.id")
        .execute()
    : [];
  return {
    threads: threads.map((t) => ({ ...t, replies: replies.filter((r) => r.parent_id === t.id) })),
    total: Number(counts.total),
    open: Number(counts.open),
  };
}
