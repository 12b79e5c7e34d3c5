import type { ReactNode } from "react";

/** A column heading: plain text, or one read only by screen readers (an actions column), or a number column. */
export type Heading = string | { label: string; hidden?: boolean; numeric?: boolean };

/** A table that scrolls sideways on a phone rather than squeezing, with column headings. */
export function DataTable({ headings, children }: { headings: Heading[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            {headings.map((h) => {
              const { label, hidden, numeric } = typeof h === "string" ? { label: h } : h;
              return (
                <th key={label} scope="col" className={numeric ? "num" : undefined}>
                  {hidden ? <span className="visually-hidden">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
