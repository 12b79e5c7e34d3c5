import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/permissions.server";
import { listContactCandidates } from "~/commitments/contact.server";
import { commitmentAbilities, handleCommitmentAction, loadVisibleCommitment } from "~/commitments/page-actions.server";
import { listTimeline } from "~/commitments/timeline.server";
import { getDb } from "~/db.server";
import { formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { CommitmentFacts } from "~/ui/commitment-facts";
import { CommitmentStatusBadge } from "~/ui/commitment-status-badge";
import { CommitmentContact } from "~/ui/commitments/commitment-contact";
import { CommitmentTimeline } from "~/ui/commitments/commitment-timeline";
import { MilestonePlan } from "~/ui/commitments/milestone-plan";
import { ProgressReportForm } from "~/ui/commitments/progress-report-form";
import { ProgressUpdates } from "~/ui/commitments/progress-updates";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.commitment.title_vi} · ${data.commitment.reference}` : "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const commitment = await loadVisibleCommitment(actor, args.params.id ?? "");
  const page = Math.min(10_000, Math.max(1, Number(new URL(args.request.url).searchParams.get("page")) || 1));
  const timeline = await listTimeline(getDb(), commitment.id, page);
  const can = commitmentAbilities(actor, commitment);
  const contactCandidates = can.contact ? await listContactCandidates(getDb(), [commitment.org_id]) : null;
  return json({ commitment, can, timeline, contactCandidates });
}

export async function action(args: ActionFunctionArgs) {
  return handleCommitmentAction(args);
}

export default function CommitmentPage() {
  const { commitment: c, can, timeline, contactCandidates } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const orgName = localized({ name_vi: c.org_name_vi, name_en: c.org_name_en }, "name", locale);
  const unit = localized({ unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en }, "unit", locale);
  const values = data && !data.ok ? data.values : {};
  const errors = data && !data.ok ? data.errors : {};
  const intent = data && !data.ok ? (values.intent ?? "report") : undefined;
  return (
    <div className="container page">
      <p>
        <Link to="/commitments">← {t("commitment.back")}</Link>
      </p>
      <header className="page-head commitment-head">
        <div>
          <p className="eyebrow">{t("commitment.of", { org: orgName, reference: c.reference })}</p>
          <h1>{localized(c, "title", locale)}</h1>
          {localized(c, "description", locale) ? <p className="lead">{localized(c, "description", locale)}</p> : null}
        </div>
        <CommitmentStatusBadge status={c.status} />
      </header>
      <CommitmentFacts commitment={c} className="commitment-facts card" />
      {c.kpi_baseline !== null ? (
        <p className="small muted">
          {t("commitment.baseline")}: {formatNumber(c.kpi_baseline, locale)} {unit}
        </p>
      ) : null}
      <CommitmentContact contactName={c.contact_name} contactUserId={c.contact_user_id} candidates={contactCandidates} error={intent === "set-contact" ? errors.contact_user_id : undefined} />
      {c.effective_on && c.mou_status === "signed" ? <p className="notice">{t("commitment.inForceFrom", { date: formatDay(c.effective_on, locale) })}</p> : null}

      <MilestonePlan milestones={c.milestones} canPlan={can.plan} values={values} errors={errors} intent={intent} />

      {can.report ? (
        <section className="section" aria-labelledby="report-heading">
          <h2 id="report-heading">{t("commitment.report")}</h2>
          <ProgressReportForm
            formKey={String(c.updates.length)}
            milestones={c.milestones}
            hasKpi={c.kpi_target !== null}
            unit={unit}
            values={intent === "report" ? values : {}}
            errors={intent === "report" ? errors : {}}
          />
        </section>
      ) : (
        <p className="small muted">{t("commitment.report.notAllowed", { org: orgName })}</p>
      )}

      <ProgressUpdates
        commitmentId={c.id}
        updates={c.updates}
        can={can}
        milestones={c.milestones}
        kpi={{ target: c.kpi_target, unit }}
        failed={{ intent, updateId: values.update_id, errors, values }}
      />
      <CommitmentTimeline timeline={timeline} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
