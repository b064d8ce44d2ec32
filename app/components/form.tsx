import type { ReactNode } from "react";

/** A labelled form field with its Chinese error right under it. */
export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: string | string[] | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className={message ? "field field--error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {children}
      {hint && !message ? <p className="field__hint">{hint}</p> : null}
      {message ? (
        <p className="field__error" id={`${name}-error`} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message (success or failure) shown above the form. */
export function FormMessage({ tone, children }: { tone: "error" | "success" | "info"; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
