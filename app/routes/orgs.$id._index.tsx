import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can, getActor, isMemberOf, requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { listPublicSignedMous } from "~/mous/public-mous.server";
import { countryName, findOrganization, listOrganizationEvents, setOrganizationVerified } from "~/orgs/organizations.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SampleBadge } from "~/ui/layout";
import { MouSummaryCard } from "~/ui/mou-summary";
import { OrgLogo } from "~/ui/org-logo";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

/** The public profile of an organization: anyone may read it; its admins and staff act on it. */
export async function loader(args: LoaderFunctionArgs) {
  const db = getDb();
  const orgId = args.params.id ?? "";
  const org = await findOrganization(db, orgId);
  if (!org) throw new Response("Not found", { status: 404 });
  const actor = await getActor(args);
  const [events, mous] = await Promise.all([listOrganizationEvents(db, orgId), listPublicSignedMous(db, { orgId })]);
  const locale = getLocale(args.request);
  return json({
    title: localized(org, "name", locale),
    org,
    country: countryName(org.country, locale),
    events,
    mous,
    may: {
      edit: can(actor, { action: "org.edit", orgId }),
      members: can(actor, { action: "org.members.manage", orgId }),
      requests: can(actor, { action: "org.join.decide", orgId }),
      join: can(actor, { action: "org.join" }) && !isMemberOf(actor, orgId) && !org.rejected_at,
      verify: can(actor, { action: "org.verify" }),
    },
  });
}

/** Staff verify an organization or withdraw the verification. */
export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.verify" });
  const orgId = args.params.id ?? "";
  const db = getDb();
  if (!(await findOrganization(db, orgId))) throw new Response("Not found", { status: 404 });
  const intent = (await readForm(args.request)).get("intent");
  if (intent !== "verify" && intent !== "unverify") return actionFailed({ errors: { _form: translate(getLocale(args.request), "validation.invalid") } });
  await setOrganizationVerified(db, orgId, intent === "verify", actor.user, args.context.clientIp);
  return redirectWithFlash(`/orgs/${orgId}`, { key: "orgs.verifiedNotice" }, args.context.secure);
}

export default function OrganizationPage() {
  const { org, country, events, mous, may } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = localized(org, "name", locale);
  const otherName = localized(org, "name", locale === "vi" ? "en" : "vi");
  const description = localized(org, "description", locale);
  return (
    <div className="container page">
      <header className="page-head org-head">
        <OrgLogo name={name} shortName={org.short_name} fileId={org.logo_file_id} />
        <div>
          <p className="eyebrow">
            {t(`orgs.kind.${org.kind}`)} {org.is_sample ? <SampleBadge /> : null}
          </p>
          <h1>{name}</h1>
          {otherName !== name ? (
            <p className="muted" lang={locale === "vi" ? "en" : "vi"}>
              {otherName}
            </p>
          ) : null}
          <p>
            {org.verified ? (
              <span className="badge badge-success" title={t("orgs.verifiedExplain")}>
                ✓ {t("orgs.verified")}
              </span>
            ) : org.rejected_at ? (
              <span className="badge badge-danger">{t("orgs.rejected")}</span>
            ) : (
              <span className="badge badge-warning">{t("orgs.awaiting")}</span>
            )}
          </p>
        </div>
      </header>
      {may.edit || may.members || may.verify || may.requests || may.join ? (
        <div className="org-actions">
          {may.edit ? (
            <Link to="edit" className="button">
              {t("orgs.edit")}
            </Link>
          ) : null}
          {may.members ? (
            <Link to="members" className="button">
              {t("orgs.manageMembers")}
            </Link>
          ) : null}
          {may.requests ? (
            <Link to="requests" className="button">
              {t("orgs.join.requests")}
            </Link>
          ) : null}
          {may.join ? (
            <Form method="post" action="join">
              <button type="submit" className="button">
                {t("orgs.join.ask")}
              </button>
            </Form>
          ) : null}
          {may.verify ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={org.verified ? "unverify" : "verify"}
                className={org.verified ? "button button-quiet" : "button button-primary"}
              >
                {org.verified ? t("orgs.unverify") : t("orgs.verify")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      <section className="section" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("orgs.facts")}</h2>
        <dl className="org-facts">
          <dt>{t("orgs.country")}</dt>
          <dd>{country}</dd>
          {org.province ? (
            <>
              <dt>{t("orgs.province")}</dt>
              <dd>{org.province}</dd>
            </>
          ) : null}
          {org.sector ? (
            <>
              <dt>{t("orgs.sector")}</dt>
              <dd>{org.sector}</dd>
            </>
          ) : null}
          {org.website ? (
            <>
              <dt>{t("orgs.website")}</dt>
              <dd>
                <a href={org.website} rel="noopener noreferrer nofollow">
                  {org.website.replace(/^https?:\/\//, "")}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        {description ? (
          <>
            <h3>{t("orgs.about")}</h3>
            <p>{description}</p>
          </>
        ) : null}
      </section>

      <section className="section" aria-labelledby="events-heading">
        <h2 id="events-heading">{t("orgs.events")}</h2>
        {events.length ? (
          <ul className="stack">
            {events.map((e) => (
              <li key={e.slug}>
                <Link to={`/events/${e.slug}`}>{localized(e, "title", locale)}</Link>{" "}
                <span className="muted small">
                  · {t(`events.role.${e.role}`)} · {formatDate(e.starts_at, locale)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("orgs.noEvents")}</p>
        )}
      </section>

      <section className="section" aria-labelledby="mous-heading">
        <h2 id="mous-heading">{t("orgs.mous")}</h2>
        {mous.length ? (
          <div className="card-grid">
            {mous.map((mou) => (
              <MouSummaryCard key={mou.id} mou={mou} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("orgs.noMous")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
