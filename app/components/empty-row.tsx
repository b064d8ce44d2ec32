import type { CSSProperties, ReactNode } from "react";

/** The single full-width row a table shows in place of its rows when there are none. */
export function EmptyRow({ colSpan, className = "muted", style, children }: { colSpan: number; className?: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className={className} style={style}>
        {children}
      </td>
    </tr>
  );
}
