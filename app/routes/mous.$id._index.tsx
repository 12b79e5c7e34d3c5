import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can, requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { isAgreementBeingSealed, listAgreements } from "~/mous/agreements.server";
import { handleMouAction } from "~/mous/detail-actions.server";
import { listOpenEmailInvitations } from "~/mous/email-invitations.server";
import { listCommentThreads } from "~/mous/comment-threads.server";
import { findMouEvent, listSignatories, listVersions, loadWorkingText, requireReadableMou } from "~/mous/mous.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormAlert } from "~/ui/field";
import { MouComments } from "~/ui/mous/mou-comments";
import { MouHeader, MouWorkflow } from "~/ui/mous/mou-head";
import { MouAgreements, MouVersions } from "~/ui/mous/mou-history";
import { MouSignatories } from "~/ui/mous/mou-signatories";
import { MouClauses, MouCommitments, MouOverview } from "~/ui/mous/mou-text";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.mou.reference} · ${data.mou.title_vi}` : "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, parties, leadOrgId } = await requireReadableMou(db, actor, args.params.id ?? "");
  const mayLead = can(actor, { action: "mou.lead", leadOrgId });
  const [text, versions, comments, signatories, agreements, event, sealing, partnerInvitations] = await Promise.all([
    loadWorkingText(db, mou.id),
    listVersions(db, mou.id),
    listCommentThreads(db, mou.id, pageParam(new URL(args.request.url))),
    listSignatories(db, mou.id),
    listAgreements(db, mou.id),
    findMouEvent(db, mou),
    isAgreementBeingSealed(db, mou),
    mayLead ? listOpenEmailInvitations(db, mou.id) : Promise.resolve([] as Awaited<ReturnType<typeof listOpenEmailInvitations>>),
  ]);
  return json({
    mou,
    sealing,
    event,
    parties: parties.map((p) => ({ ...p, canName: can(actor, { action: "mou.signatories", partyOrgId: p.org_id, status: mou.status }) })),
    ...text,
    versions,
    comments: {
      ...comments,
      page: pageParam(new URL(args.request.url)),
      pageSize: PAGE_SIZE,
      threads: comments.threads.map((c) => ({ ...c, mayResolve: can(actor, { action: "mou.thread.resolve", parties, status: mou.status, leadOrgId, authorId: c.author_id }) })),
    },
    signatories: signatories.map((s) => ({ ...s, mine: can(actor, { action: "mou.sign", signatory: s }) })),
    agreements: agreements.map(({ verification_code: _code, ...a }) => a),
    may: {
      edit: can(actor, { action: "mou.edit", parties, status: mou.status }),
      comment: can(actor, { action: "mou.comment", parties, status: mou.status }),
      lead: mayLead,
    },
    partnerInvitations,
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleMouAction(args);
}

export default function MouPage() {
  const { mou, sealing, event, parties, clauses, commitments, versions, comments, signatories, agreements, may, partnerInvitations } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const t = useT();
  const mySigning = signatories.find((s) => s.mine && s.status === "pending" && mou.status === "awaiting_signatures");

  return (
    <div className="container page mou-page">
      <p>
        <Link to="/mous">← {t("mous.list.title")}</Link>
      </p>
      <MouHeader mou={mou} may={may} canSign={Boolean(mySigning)} />

      {sealing ? (
        <div className="alert alert-info" role="status">
          {t("mous.agreements.sealing")}
        </div>
      ) : null}
      {form.errors._form ? <FormAlert>{form.errors._form}</FormAlert> : null}

      {may.lead ? <MouWorkflow mou={mou} form={form} partnerInvitations={partnerInvitations} /> : null}

      <div className="mou-layout">
        <div className="stack">
          <MouOverview mou={mou} event={event} parties={parties} />
          <MouClauses clauses={clauses} />
          <MouCommitments commitments={commitments} parties={parties} />
          <MouComments comments={comments} canComment={may.comment} form={form} />
        </div>
        <aside className="stack">
          <MouSignatories mou={mou} signatories={signatories} parties={parties} form={form} />
          <MouVersions mouId={mou.id} versions={versions} />
          {agreements.length ? <MouAgreements mouId={mou.id} agreements={agreements} /> : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
