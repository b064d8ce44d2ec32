// The fields of the instructor form, shared by /instructors/new and /instructors/:id.
import { useEffect, useState, type ReactNode } from "react";
import { Field } from "~/components/form";
import { INSTRUCTOR_LEVELS, KIND_LABELS, type InstructorKind } from "./constants";

export interface InstructorFieldValues {
  kind?: string;
  employeeNo?: string | null;
  name?: string | null;
  organization?: string | null;
  title?: string | null;
  level?: string;
  mobile?: string | null;
  email?: string | null;
  bio?: string | null;
  specialties?: readonly string[];
  courseIds?: ReadonlyArray<string | number>;
}

export interface InstructorFieldOptions {
  categories: ReadonlyArray<{ code: string; name: string }>;
  courses: ReadonlyArray<{ id: number; title: string; categoryName: string; published: boolean }>;
}

const choiceStyle = { display: "inline-flex", alignItems: "center", gap: "0.35rem", marginRight: "1rem", minHeight: "32px" } as const;

/** A group of checkboxes (the `.field` styles are for single inputs), with its error under it. */
function CheckboxGroup({ legend, name, error, hint, children }: { legend: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={error ? `${name}-error` : undefined}>
      <legend style={{ fontWeight: 600, fontSize: "0.95rem", padding: 0, marginBottom: "0.25rem" }}>{legend}</legend>
      {children}
      {hint && !error ? <p className="field__hint">{hint}</p> : null}
      {error ? (
        <p className="field__error" id={`${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function InstructorFields({
  values,
  errors,
  options,
}: {
  values: InstructorFieldValues;
  errors: Record<string, string | undefined>;
  options: InstructorFieldOptions;
}) {
  const v = (value: string | null | undefined) => value ?? "";
  // Without JavaScript both groups show and the server reads the one the selected kind needs.
  const [kind, setKind] = useState<InstructorKind>(values.kind === "external" ? "external" : "internal");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const shownFor = (k: InstructorKind) => (hydrated && kind !== k ? { display: "none" } : undefined);
  const specialties = new Set(values.specialties ?? []);
  const courseIds = new Set((values.courseIds ?? []).map(String));
  const groups = new Map<string, InstructorFieldOptions["courses"][number][]>();
  for (const course of options.courses) groups.set(course.categoryName, [...(groups.get(course.categoryName) ?? []), course]);

  return (
    <>
      <div className="form-row">
        <Field label="类别" name="kind" error={errors.kind}>
          <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value === "external" ? "external" : "internal")}>
            <option value="internal">{KIND_LABELS.internal}教员（本系统人员）</option>
            <option value="external">{KIND_LABELS.external}专家</option>
          </select>
        </Field>
        <Field label="级别" name="level" error={errors.level}>
          <select id="level" name="level" defaultValue={v(values.level)} required>
            <option value="">请选择</option>
            {INSTRUCTOR_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row" style={shownFor("internal")}>
        <Field label="工号（内部教员）" name="employeeNo" error={errors.employeeNo} hint="姓名和单位取自该人员的档案">
          <input id="employeeNo" name="employeeNo" defaultValue={v(values.employeeNo)} maxLength={32} autoCapitalize="off" autoComplete="off" />
        </Field>
      </div>
      <div className="form-row" style={shownFor("external")}>
        <Field label="姓名（外聘专家）" name="name" error={errors.name}>
          <input id="name" name="name" defaultValue={v(values.name)} maxLength={50} autoComplete="off" />
        </Field>
        <Field label="工作单位（外聘专家）" name="organization" error={errors.organization}>
          <input id="organization" name="organization" defaultValue={v(values.organization)} maxLength={100} />
        </Field>
      </div>
      <div className="form-row">
        <Field label="职务 / 职称" name="title" error={errors.title} hint="选填，如 高级工程师、站长">
          <input id="title" name="title" defaultValue={v(values.title)} maxLength={100} />
        </Field>
        <Field label="手机" name="mobile" error={errors.mobile} hint="选填，11 位手机号">
          <input id="mobile" name="mobile" defaultValue={v(values.mobile)} inputMode="numeric" maxLength={20} autoComplete="off" />
        </Field>
        <Field label="邮箱" name="email" error={errors.email} hint="选填">
          <input id="email" name="email" type="email" defaultValue={v(values.email)} maxLength={100} autoComplete="off" />
        </Field>
      </div>
      <CheckboxGroup legend="专长领域" name="specialties" error={errors.specialties}>
        <div>
          {options.categories.map((c) => (
            <label key={c.code} style={choiceStyle}>
              <input type="checkbox" name="specialties" value={c.code} defaultChecked={specialties.has(c.code)} />
              {c.name}
            </label>
          ))}
        </div>
      </CheckboxGroup>
      <CheckboxGroup legend="授课课程" name="courseIds" error={errors.courseIds} hint={options.courses.length === 0 ? "暂无已发布的课程" : "只能选择已发布的课程"}>
        {[...groups].map(([categoryName, courses]) => (
          <div key={categoryName}>
            <span className="muted">{categoryName}：</span>
            {courses.map((c) => (
              <label key={c.id} style={choiceStyle}>
                <input type="checkbox" name="courseIds" value={c.id} defaultChecked={courseIds.has(String(c.id))} />
                {c.title}
                {c.published ? null : <span className="badge badge--off">未发布</span>}
              </label>
            ))}
          </div>
        ))}
      </CheckboxGroup>
      <Field label="简介" name="bio" error={errors.bio} hint="选填，最多 2000 字：研究方向、资质、授课经历等">
        <textarea id="bio" name="bio" defaultValue={v(values.bio)} rows={5} maxLength={2000} />
      </Field>
    </>
  );
}
