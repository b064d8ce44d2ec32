import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FilterActions } from "~/components/filter-actions";

/** One choice of a filter <select>; the label may be markup (e.g. an indented knowledge point). */
export interface Choice {
  value: string | number;
  label: ReactNode;
}

/** Choices from a code → label table: in the table's own order, or in the order of `codes`. */
export function choicesOf<K extends string>(labels: Record<K, ReactNode>, codes: readonly K[] = Object.keys(labels) as K[]): Choice[] {
  return codes.map((code) => ({ value: code, label: labels[code] }));
}

/** A filter's options; the empty value, when offered, means "do not filter on this". */
export function ChoiceOptions({ anyLabel, choices }: { anyLabel?: string; choices: readonly Choice[] }) {
  return (
    <>
      {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </>
  );
}

interface SelectProps {
  label: string;
  name: string;
  value: string | number | null | undefined;
  anyLabel?: string;
  choices: readonly Choice[];
  /** Only where the caption alone does not name the control (a caption-less layout). */
  ariaLabel?: string;
  className?: string;
}

/** A select of a list page's filter form, its caption above it (the management lists' layout). */
export function FilterSelect({ label, name, value, anyLabel, choices, ariaLabel, className }: SelectProps) {
  return (
    <label className={className}>
      <span className="muted">{label}</span>
      <select name={name} defaultValue={value ?? ""} aria-label={ariaLabel}>
        <ChoiceOptions anyLabel={anyLabel} choices={choices} />
      </select>
    </label>
  );
}

/** The same select in the `.field` layout of the report and certificate filters. */
export function FieldFilterSelect({ label, name, value, anyLabel, choices }: Omit<SelectProps, "ariaLabel" | "className">) {
  return (
    <label className="field">
      {label}
      <select name={name} defaultValue={value ?? ""}>
        <ChoiceOptions anyLabel={anyLabel} choices={choices} />
      </select>
    </label>
  );
}

/** The keyword box (`q`) of a list page's filter form. */
export function FilterSearch({
  label,
  value,
  placeholder,
  maxLength = 50,
  ariaLabel,
  className,
}: {
  label: string;
  value: string | null | undefined;
  placeholder?: string;
  maxLength?: number;
  ariaLabel?: string;
  className?: string;
}) {
  return (
    <label className={className}>
      <span className="muted">{label}</span>
      <input type="search" name="q" defaultValue={value ?? ""} placeholder={placeholder} maxLength={maxLength} aria-label={ariaLabel} />
    </label>
  );
}

/** True while the list at `pathname` reloads for its own filter form (drives the 查询中… state). */
export function useFilterSearching(pathname: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "loading" && navigation.location.pathname === pathname;
}

/**
 * A list page's GET filter form: its fields, then 查询 / 重置. `path` is the list's own URL: the
 * form submits to it, 重置 goes back to it, and a load of it is what shows 查询中….
 */
export function ListFilterForm({ path, className, actionsClassName, children }: { path: string; className: string; actionsClassName?: string; children: ReactNode }) {
  const searching = useFilterSearching(path);
  return (
    <Form method="get" className={className} role="search">
      {children}
      <FilterActions resetTo={path} searching={searching} className={actionsClassName} />
    </Form>
  );
}
