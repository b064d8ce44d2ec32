// The lesson form (new and edit pages): title, minutes with the 学时 they are worth, the rich-text
// body, the optional check question and a change note. Works without JavaScript except the editor,
// whose no-JS fallback keeps the body unchanged.
import { Form } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/form";
import { RichTextField } from "~/components/rich-text/editor-field";
import type { RichDoc } from "~/modules/richtext/nodes";
import { creditedHoursX100, describeRule, formatHours, type HoursRule } from "~/modules/study/hours";
import { uploadImage } from "~/modules/uploads/client";
import { CHECK_OPTION_SLOTS, MAX_LESSON_MINUTES, MIN_LESSON_MINUTES, OPTION_LETTERS, type LessonFormValues } from "./lesson-schema";

export function hoursText(minutes: string | number, rule: HoursRule): string {
  const value = Number(minutes);
  if (!Number.isInteger(value) || value < MIN_LESSON_MINUTES || value > MAX_LESSON_MINUTES) return "—";
  return formatHours(creditedHoursX100(value, rule));
}

export function LessonForm({
  intent,
  values,
  doc,
  errors,
  rule,
  expectedRevision,
  busy,
  submitLabel,
}: {
  intent: string;
  values: LessonFormValues;
  doc: RichDoc | null;
  errors: Record<string, string | undefined>;
  rule: HoursRule;
  /** The revision being edited (edit page only): a save against an older one is refused. */
  expectedRevision?: number;
  busy: boolean;
  submitLabel: string;
}) {
  const [minutes, setMinutes] = useState(values.minutes);
  return (
    <Form method="post" className="form authoring-lesson-form">
      <input type="hidden" name="intent" value={intent} />
      {expectedRevision !== undefined ? <input type="hidden" name="expectedRevision" value={expectedRevision} /> : null}
      <Field label="课时名称" name="title" error={errors.title}>
        <input id="title" name="title" defaultValue={values.title} maxLength={200} required autoComplete="off" />
      </Field>
      <Field
        label="预计学习时长（分钟）"
        name="minutes"
        error={errors.minutes}
        hint={
          <>
            按当前规则计 <strong>{hoursText(minutes, rule)}</strong> 学时（{describeRule(rule)}；课程学时按全部课时分钟数合计后折算）
          </>
        }
      >
        <input
          id="minutes"
          name="minutes"
          type="number"
          inputMode="numeric"
          min={MIN_LESSON_MINUTES}
          max={MAX_LESSON_MINUTES}
          step={1}
          required
          defaultValue={values.minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
      </Field>

      <div className={errors.body ? "field field--error" : "field"}>
        <span className="authoring-label" id="body-label">
          课时正文
        </span>
        <RichTextField
          name="body"
          initialContent={doc}
          onUploadImage={uploadImage}
          placeholder="请输入课时正文…"
          labelledBy="body-label"
          describedBy={errors.body ? "body-error" : undefined}
          invalid={Boolean(errors.body)}
        />
        {errors.body ? (
          <p className="field__error" id="body-error" role="alert">
            {errors.body}
          </p>
        ) : (
          <p className="field__hint">图片按钮上传 PNG、JPEG、GIF、WebP 图片（不超过 5 MB）；PDF 资料请在“附件”中上传。</p>
        )}
      </div>

      <fieldset className="authoring-fieldset">
        <legend>检查题（可选）</legend>
        <p className="field__hint">学员答对检查题后本课时才算完成。全部留空表示不设检查题。</p>
        <Field label="题干" name="checkQuestion" error={errors.checkQuestion}>
          <textarea id="checkQuestion" name="checkQuestion" rows={2} maxLength={500} defaultValue={values.checkQuestion} />
        </Field>
        <div className={errors.checkOptions ? "field field--error" : "field"}>
          <span className="authoring-label">选项（2–8 个，留空的不计）</span>
          <div className="authoring-options">
            {Array.from({ length: CHECK_OPTION_SLOTS }, (_, i) => (
              <label key={i} className="authoring-option">
                <span>{OPTION_LETTERS[i]}</span>
                <input name="checkOptions" aria-label={`选项 ${OPTION_LETTERS[i]}`} maxLength={200} defaultValue={values.checkOptions[i] ?? ""} />
              </label>
            ))}
          </div>
          {errors.checkOptions ? (
            <p className="field__error" role="alert">
              {errors.checkOptions}
            </p>
          ) : null}
        </div>
        <Field label="正确答案" name="checkAnswer" error={errors.checkAnswer}>
          <select id="checkAnswer" name="checkAnswer" defaultValue={values.checkAnswer}>
            <option value="">请选择</option>
            {OPTION_LETTERS.map((letter, i) => (
              <option key={letter} value={i}>
                {letter}
              </option>
            ))}
          </select>
        </Field>
        <Field label="解析" name="checkExplanation" error={errors.checkExplanation} hint="学员答对后可见（选填）">
          <textarea id="checkExplanation" name="checkExplanation" rows={2} maxLength={1000} defaultValue={values.checkExplanation} />
        </Field>
      </fieldset>

      <Field label="修改说明" name="note" error={errors.note} hint="记入修订记录，如：更新了第二节的法规条款（选填）">
        <input id="note" name="note" maxLength={255} defaultValue={values.note} autoComplete="off" />
      </Field>
      <div>
        <button className="btn btn--primary" type="submit" disabled={busy}>
          {busy ? "保存中…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
