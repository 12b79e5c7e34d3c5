import { useId } from "react";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export type ChartSeries = { key: string; label: string; className: string };
export type ChartRow = {
  label: string;
  href?: string;
  values: Record<string, number>;
};

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 320;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 60;

/**
 * A horizontal stacked bar chart drawn on the server as SVG: readable without JavaScript, crisp
 * in print, named for screen readers, and followed by the same numbers as a table.
 */
export function BarChart({ title, rows, series }: { title: string; rows: ChartRow[]; series: ChartSeries[] }) {
  const t = useT();
  const id = useId();
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const height = Math.max(1, rows.length) * ROW_HEIGHT + 8;
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {series.length > 1 ? (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className={`chart-swatch ${s.className}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t("monitoring.noData")}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} className="chart-svg">
          {rows.map((r, i) => {
            let x = LABEL_WIDTH;
            const y = i * ROW_HEIGHT + 4;
            return (
              <g key={`${r.label}-${i}`}>
                <text x={LABEL_WIDTH - 6} y={y + 14} textAnchor="end" className="chart-label">
                  {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
                </text>
                {series.map((s) => {
                  const w = ((r.values[s.key] ?? 0) / max) * BAR_WIDTH;
                  const rect = <rect key={s.key} x={x} y={y} width={w} height={ROW_HEIGHT - 6} className={s.className} />;
                  x += w;
                  return rect;
                })}
                <text x={x + 4} y={y + 14} className="chart-value">
                  {totals[i]}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {rows.length ? (
        <details className="chart-table">
          <summary>{t("monitoring.chartTable")}</summary>
          <div className={`table-wrap${series.length > 1 ? " table-cards" : ""}`}>
            <table className="data-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.group")}</th>
                  {series.map((s) => (
                    <th key={s.key} scope="col" className="num">
                      {s.label}
                    </th>
                  ))}
                  {series.length > 1 ? (
                    <th scope="col" className="num">
                      {t("monitoring.total")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={`${r.label}-${i}`}>
                    <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
                    {series.map((s) => (
                      <td key={s.key} className="num" data-label={s.label}>
                        {r.values[s.key] ?? 0}
                      </td>
                    ))}
                    {series.length > 1 ? (
                      <td className="num" data-label={t("monitoring.total")}>
                        {totals[i]}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
