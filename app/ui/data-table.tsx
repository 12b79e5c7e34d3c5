import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

/** A column heading: plain text, or one read only by screen readers (an actions column), or a number column. */
export type Heading = string | { label: string; hidden?: boolean; numeric?: boolean };

const labelOf = (h: Heading) => (typeof h === "string" ? h : h.hidden ? "" : h.label);

/**
 * Each cell of a row carries its column's heading as `data-label`, which the stylesheet shows
 * before the cell when a narrow screen stacks the rows as cards.
 */
function labelCells(row: ReactNode, labels: string[]): ReactNode {
  if (!isValidElement(row) || row.type !== "tr") return row;
  const tr = row as ReactElement<{ children?: ReactNode }>;
  let column = 0;
  const cells = Children.map(tr.props.children, (cell) => {
    if (!isValidElement(cell) || (cell.type !== "td" && cell.type !== "th")) return cell;
    const label = labels[column++];
    return label
      ? cloneElement(cell as ReactElement<{ "data-label"?: string }>, {
          "data-label": label,
        })
      : cell;
  });
  return cloneElement(tr, {}, cells);
}

/**
 * A table with column headings. Wide on a desktop; below the phone breakpoint a table of more than
 * three columns becomes a stack of cards, one per row, each cell under its heading, so the page
 * never scrolls sideways (a frame that scrolls hides the columns a reader came for).
 */
export function DataTable({ headings, children }: { headings: Heading[]; children: ReactNode }) {
  const labels = headings.map(labelOf);
  return (
    <div className={`table-wrap${headings.length > 3 ? " table-cards" : ""}`}>
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
        <tbody>{Children.map(children, (row) => labelCells(row, labels))}</tbody>
      </table>
    </div>
  );
}
