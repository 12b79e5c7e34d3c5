import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { requireReadableMou } from "~/mous/mous.server";
import { compareMouVersions } from "~/mous/version-compare.server";
import type { PartChange, WordChange } from "~/mous/word-diff";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou } = await requireReadableMou(db, actor, args.params.id ?? "");
  const url = new URL(args.request.url);
  const [first, second] = [url.searchParams.get("a"), url.searchParams.get("b")].map((n) => Number(n));
  if ([first, second].some((n) => !Number.isInteger(n) || n < 1)) throw new Response("Bad request", { status: 400 });
  const locale = getLocale(args.request);
  const { a, b, diff } = await compareMouVersions(db, mou.id, [first, second], locale);
  return json({
    title: translate(locale, "mous.compare.title", { reference: mou.reference, a: a.number, b: b.number }),
    mou: { id: mou.id, reference: mou.reference },
    a,
    b,
    diff,
  });
}

export default function CompareVersions() {
  const { title, mou, a, b, diff } = useLoaderData<typeof loader>();
  const t = useT();
  const changedLabel = (change: PartChange) => <span className={`badge ${change === "same" ? "badge-muted" : "badge-warning"}`}>{t(`mous.compare.${change}`)}</span>;
  return (
    <div className="container page">
      <p>
        <Link to={`/mous/${mou.id}`}>← {mou.reference}</Link>
      </p>
      <h1>{title}</h1>
      {/* Two versions side by side scroll sideways on a phone: a focusable region lets a keyboard scroll them too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        <table className="data-table mou-compare">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("mous.compare.part")}</th>
              <VersionHeading version={a} />
              <VersionHeading version={b} />
            </tr>
          </thead>
          <tbody>
            {diff.meta.map((m) => (
              <tr key={m.field} className={m.changed ? "changed" : undefined}>
                <th scope="row">
                  {t(m.label)} {changedLabel(m.changed ? "changed" : "same")}
                </th>
                <td>{m.a}</td>
                <td>{m.words ? <WordChanges words={m.words} /> : m.b}</td>
              </tr>
            ))}
            {diff.clauses.map((c) => (
              <tr key={c.position} className={c.changed ? "changed" : undefined}>
                <th scope="row">
                  {t("mous.clauseNumber", { n: c.position })} {changedLabel(c.change)}
                </th>
                <td>{c.a ? <ClauseText heading={c.a.heading} body={c.a.body} /> : <span className="muted">{t("mous.compare.absent")}</span>}</td>
                <td>
                  {c.words ? (
                    <p className="word-diff">
                      <WordChanges words={c.words} />
                    </p>
                  ) : c.b ? (
                    <ClauseText heading={c.b.heading} body={c.b.body} />
                  ) : (
                    <span className="muted">{t("mous.compare.absent")}</span>
                  )}
                </td>
              </tr>
            ))}
            {diff.commitments.map((c, i) => (
              <tr key={`commitment-${i}`} className={c.changed ? "changed" : undefined}>
                <th scope="row">
                  {t("mous.form.commitmentN", { n: i + 1 })} {changedLabel(c.change)}
                </th>
                <td className="word-diff">{c.a ?? <span className="muted">{t("mous.compare.absent")}</span>}</td>
                <td className="word-diff">{c.words ? <WordChanges words={c.words} /> : c.b ?? <span className="muted">{t("mous.compare.absent")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A version's column: its number, when and by whom it was made in the reader's language, its note and hash. */
function VersionHeading({ version }: { version: { number: number; hash: string; note: string | null; author: string | null; created_at: string } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <th scope="col">
      {t("mous.versionN", { n: version.number })}
      <span className="small compare-version-meta">
        {t("mous.compare.createdAt", { date: formatDate(version.created_at, locale, "dateTime") })}
        {version.author ? ` · ${version.author}` : ""}
      </span>
      {version.note ? (
        <span className="small compare-version-meta mou-version-note">
          {t("mous.versions.note")} {version.note}
        </span>
      ) : null}
      <span className="mono small hash compare-version-meta">{version.hash.slice(0, 16)}…</span>
    </th>
  );
}

/** The newer text with the older words struck through and the new ones marked: screen readers announce both. */
function WordChanges({ words }: { words: WordChange[] }) {
  const t = useT();
  return (
    <>
      {words.map((w, i) =>
        w.kind === "same" ? (
          <span key={i}>{w.text}</span>
        ) : w.kind === "added" ? (
          <ins key={i}>
            <span className="visually-hidden">[{t("mous.compare.inserted")}: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">[{t("mous.compare.deleted")}: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </>
  );
}

function ClauseText({ heading, body }: { heading: string; body: string }) {
  return (
    <>
      {heading ? <strong>{heading}</strong> : null}
      <p>{body}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
