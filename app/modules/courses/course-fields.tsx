// The fields of the course form (new and edit): title, summary, category (or a new one), tiers.
import { useEffect, useState } from "react";
import { Field } from "~/components/form";
import { NEW_CATEGORY, type CourseFormValues } from "./course-schema";

export interface CourseFieldOptions {
  categories: Array<{ code: string; name: string }>;
  tiers: Array<{ code: string; name: string }>;
}

export function CourseFields({
  values,
  errors,
  options,
}: {
  values: CourseFormValues;
  errors: Record<string, string | undefined>;
  options: CourseFieldOptions;
}) {
  const [category, setCategory] = useState(values.category);
  // Without JavaScript the new-category fields are always shown; with it, only when chosen.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const newCategoryError = errors.newCategoryName ?? errors.newCategoryCode;
  const showNewCategory = !scripted || category === NEW_CATEGORY || Boolean(newCategoryError);
  const chosenTiers = new Set(values.audienceTiers);
  return (
    <>
      <Field label="课程名称" name="title" error={errors.title}>
        <input id="title" name="title" defaultValue={values.title} maxLength={200} required autoComplete="off" />
      </Field>
      <Field label="课程简介" name="summary" error={errors.summary} hint="最多 1000 字，显示在学员的课程页上">
        <textarea id="summary" name="summary" rows={4} maxLength={1000} defaultValue={values.summary} />
      </Field>
      <Field label="课程分类" name="category" error={errors.category}>
        <select id="category" name="category" defaultValue={values.category} onChange={(event) => setCategory(event.target.value)}>
          <option value="">请选择</option>
          {options.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
          <option value={NEW_CATEGORY}>＋ 新增分类…</option>
        </select>
      </Field>
      {showNewCategory ? (
        <fieldset className="authoring-fieldset">
          <legend>新增分类{scripted ? "" : "（在上方选择“新增分类”时填写）"}</legend>
          <div className="form-row">
            <Field label="分类名称" name="newCategoryName" error={errors.newCategoryName}>
              <input id="newCategoryName" name="newCategoryName" defaultValue={values.newCategoryName} maxLength={50} />
            </Field>
            <Field label="分类编码" name="newCategoryCode" error={errors.newCategoryCode} hint="小写字母、数字或连字符，如 fire-safety；保存后不再变化">
              <input id="newCategoryCode" name="newCategoryCode" defaultValue={values.newCategoryCode} maxLength={32} autoCapitalize="off" autoComplete="off" />
            </Field>
          </div>
        </fieldset>
      ) : null}
      <fieldset className={errors.audienceTiers ? "authoring-fieldset field--error" : "authoring-fieldset"}>
        <legend>适用培训层级</legend>
        <div className="authoring-checks">
          {options.tiers.map((t) => (
            <label key={t.code} className="authoring-check">
              <input type="checkbox" name="audienceTiers" value={t.code} defaultChecked={chosenTiers.has(t.code)} />
              {t.name}
            </label>
          ))}
        </div>
        {errors.audienceTiers ? (
          <p className="field__error" role="alert">
            {errors.audienceTiers}
          </p>
        ) : (
          <p className="field__hint">不选表示适用于所有层级（仅用于展示和筛选，必修要求在培训大纲中设置）</p>
        )}
      </fieldset>
    </>
  );
}
