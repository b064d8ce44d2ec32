// The question form of the new and edit pages. Without JavaScript every type's section is shown
// (the server reads only the chosen type's); once hydrated, switching 题型 hides the others. All
// eight option rows are always rendered, the last four inside a <details>. Stem and 解析 are
// rich-text fields whose no-JS fallback keeps what they hold.
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Field } from "~/components/form";
import { RichTextField } from "~/components/rich-text/editor-field";
import type { RichDoc } from "~/modules/richtext/nodes";
import { uploadImage } from "~/modules/uploads/client";
import { QUESTION_TYPE_LABELS, type QuestionType } from "./model";
import {
  correctField,
  docPlainText,
  feedbackField,
  formDocs,
  NEW_STATUSES,
  OPTION_LETTERS,
  optionErrorKey,
  optionField,
  parseBlankLines,
  SECTION_TYPES,
  stemBlankCount,
  VISIBLE_OPTION_ROWS,
  weightField,
  type QuestionFormValues,
} from "./question-form-schema";

const TYPE_ORDER: QuestionType[] = ["single", "multiple", "truefalse", "fill", "essay"];
const STATUS_LABELS: Record<(typeof NEW_STATUSES)[number], string> = { draft: "保存为草稿（组卷时不会抽到）", published: "直接发布" };

export interface PointOption {
  path: string;
  name: string;
  depth: number;
}

export interface TierOption {
  code: string;
  name: string;
}

export interface QuestionFormProps {
  mode: "new" | "edit";
  values: QuestionFormValues;
  errors: Record<string, string | undefined>;
  points: readonly PointOption[];
  tiers: readonly TierOption[];
  busy: boolean;
  submitLabel: string;
  /** Hidden fields of the page (intent, baseVersion). */
  hidden?: ReactNode;
  /** Shown right above the submit button (the duplicate warning and its confirmation). */
  beforeSubmit?: ReactNode;
}

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  );
}

export function QuestionForm({ mode, values, errors, points, tiers, busy, submitLabel, hidden, beforeSubmit }: QuestionFormProps) {
  const hydrated = useHydrated();
  const docs = useMemo(() => formDocs(values), [values]);
  const [type, setType] = useState<string>(values.type);
  const [stemBlanks, setStemBlanks] = useState(() => (docs.stem ? stemBlankCount(docs.stem) : 0));
  // Sections of other types are hidden only once JavaScript runs; without it all stay visible.
  const shows = (section: keyof typeof SECTION_TYPES) => !hydrated || (SECTION_TYPES[section] as readonly string[]).includes(type);
  // Errors of the answer belong to the section of the type that was posted.
  const answerError = (section: keyof typeof SECTION_TYPES) => ((SECTION_TYPES[section] as readonly string[]).includes(values.type) ? errors.answer : undefined);
  const pointKnown = values.knowledgePoint === "" || points.some((p) => p.path === values.knowledgePoint);

  return (
    <Form method="post" className="form qe-form" noValidate>
      {hidden}
      {values.title ? <input type="hidden" name="title" value={values.title} /> : null}

      <Field label="题型" name="type" error={errors.type}>
        <select id="type" name="type" defaultValue={values.type} onChange={(event) => setType(event.target.value)}>
          {TYPE_ORDER.map((t) => (
            <option key={t} value={t}>
              {QUESTION_TYPE_LABELS[t]}题
            </option>
          ))}
        </select>
      </Field>
      <noscript>
        <p className="field__hint">未启用 JavaScript：下方列出了所有题型的答案栏，保存时只读取所选题型的那一栏。</p>
      </noscript>

      <div className={errors.stem ? "field field--error" : "field"}>
        <span className="qe-label" id="stem-label">
          题干
        </span>
        <RichTextField
          name="stem"
          initialContent={docs.stem}
          onUploadImage={uploadImage}
          onChange={(doc: RichDoc) => setStemBlanks(stemBlankCount(doc))}
          placeholder="请输入题干…"
          labelledBy="stem-label"
          describedBy={errors.stem ? "stem-error" : "stem-hint"}
          invalid={Boolean(errors.stem)}
        />
        <PlainTextStandIn name="stem" json={values.stem} label="题干" />
        {errors.stem ? (
          <FieldError id="stem-error" message={errors.stem} />
        ) : (
          <p className="field__hint" id="stem-hint">
            可插入图片（PNG、JPEG、GIF、WebP，不超过 5 MB）。填空题用 ____（4 个以上下划线）或空括号（ ）标出每个空。
          </p>
        )}
      </div>

      <OptionsSection values={values} errors={errors} hidden={!shows("options")} type={hydrated ? type : null} answerError={answerError("options")} />

      <fieldset className={answerError("truefalse") ? "qe-section field--error" : "qe-section"} hidden={!shows("truefalse")}>
        <legend>判断题答案</legend>
        <div className="qe-choices" role="radiogroup" aria-label="判断题答案">
          <label className="qe-check">
            <input type="radio" name="answer" value="true" defaultChecked={values.answer === "true"} />
            正确（√）
          </label>
          <label className="qe-check">
            <input type="radio" name="answer" value="false" defaultChecked={values.answer === "false"} />
            错误（×）
          </label>
        </div>
        <FieldError id="answer-error" message={answerError("truefalse")} />
        {values.trueFeedback ? <input type="hidden" name="trueFeedback" value={values.trueFeedback} /> : null}
        {values.falseFeedback ? <input type="hidden" name="falseFeedback" value={values.falseFeedback} /> : null}
        {values.trueFeedback || values.falseFeedback ? <p className="field__hint">本题带有导入时的对/错反馈，保存时原样保留。</p> : null}
      </fieldset>

      <FillSection values={values} error={errors.blanks} hidden={!shows("fill")} stemBlanks={stemBlanks} />

      <fieldset className="qe-section" hidden={!shows("essay")}>
        <legend>简答题答案</legend>
        <Field label="参考答案" name="referenceAnswer" error={errors.referenceAnswer} hint="阅卷时供评分参考，学员交卷后可见（选填）">
          <textarea id="referenceAnswer" name="referenceAnswer" rows={4} maxLength={10_000} defaultValue={values.referenceAnswer} />
        </Field>
        <Field label="评分要点" name="rubric" error={errors.rubric} hint="每条要点一行，可注明分值（选填）">
          <textarea id="rubric" name="rubric" rows={4} maxLength={10_000} defaultValue={values.rubric} />
        </Field>
      </fieldset>

      <div className={errors.explanation ? "field field--error" : "field"}>
        <span className="qe-label" id="explanation-label">
          解析（选填）
        </span>
        <RichTextField
          name="explanation"
          initialContent={docs.explanation}
          onUploadImage={uploadImage}
          placeholder="答题后向学员展示的解析…"
          labelledBy="explanation-label"
          describedBy={errors.explanation ? "explanation-error" : undefined}
          invalid={Boolean(errors.explanation)}
        />
        <PlainTextStandIn name="explanation" json={values.explanation} label="解析" />
        <FieldError id="explanation-error" message={errors.explanation} />
      </div>

      <div className="form-row">
        <Field label="难度" name="difficulty" error={errors.difficulty}>
          <select id="difficulty" name="difficulty" defaultValue={values.difficulty}>
            <option value="">不设</option>
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={String(d)}>
                {d}
                {d === 1 ? "（最易）" : d === 5 ? "（最难）" : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field label="法规条款" name="source" error={errors.source} hint="本题依据的法规条款，如：《安全生产法》第四十一条（选填）">
          <input id="source" name="source" maxLength={500} defaultValue={values.source} autoComplete="off" />
        </Field>
      </div>

      <fieldset className={errors.knowledgePoint ? "qe-section field--error" : "qe-section"}>
        <legend>知识点</legend>
        <div className="form-row">
          <div className="field">
            <label htmlFor="knowledgePoint">选择本题库的知识点</label>
            <select id="knowledgePoint" name="knowledgePoint" defaultValue={values.knowledgePoint}>
              <option value="">（不设知识点）</option>
              {pointKnown ? null : <option value={values.knowledgePoint}>{values.knowledgePoint}</option>}
              {points.map((p) => (
                <option key={p.path} value={p.path}>
                  {"\u3000".repeat(p.depth)}
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="newKnowledgePoint">或新建知识点</label>
            <input id="newKnowledgePoint" name="newKnowledgePoint" maxLength={400} defaultValue={values.newKnowledgePoint} autoComplete="off" placeholder="如：安全生产法/法律责任" />
          </div>
        </div>
        {errors.knowledgePoint ? (
          <FieldError id="knowledgePoint-error" message={errors.knowledgePoint} />
        ) : (
          <p className="field__hint">新建时填写完整路径，层级之间用“/”分隔（最多 4 级），保存时自动创建；填写了新知识点时以它为准。</p>
        )}
      </fieldset>

      <fieldset className={errors.tiers ? "qe-section field--error" : "qe-section"}>
        <legend>适用层级</legend>
        <div className="qe-choices">
          {tiers.map((t) => (
            <label key={t.code} className="qe-check">
              <input type="checkbox" name="tiers" value={t.code} defaultChecked={values.tiers.includes(t.code)} />
              {t.name}
            </label>
          ))}
        </div>
        {errors.tiers ? <FieldError id="tiers-error" message={errors.tiers} /> : <p className="field__hint">都不勾选表示适用于所有层级。</p>}
      </fieldset>

      <Field label="标签" name="tags" error={errors.tags} hint="多个标签用逗号或“、”分隔，如：2026年度、重点（选填）">
        <input id="tags" name="tags" maxLength={1200} defaultValue={values.tags} autoComplete="off" />
      </Field>

      {mode === "new" ? (
        <fieldset className={errors.status ? "qe-section field--error" : "qe-section"}>
          <legend>保存后的状态</legend>
          <div className="qe-choices">
            {NEW_STATUSES.map((s) => (
              <label key={s} className="qe-check">
                <input type="radio" name="status" value={s} defaultChecked={values.status === s} />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </div>
          <FieldError id="status-error" message={errors.status} />
        </fieldset>
      ) : (
        <Field label="修改说明" name="note" error={errors.note} hint="记入本题的修改记录，如：按 2026 年新修订条款更新答案（选填）">
          <input id="note" name="note" maxLength={200} defaultValue={values.note} autoComplete="off" />
        </Field>
      )}

      {errors._form ? <FieldError id="form-error" message={errors._form} /> : null}
      {beforeSubmit}
      <div>
        <button className="btn btn--primary" type="submit" disabled={busy}>
          {busy ? "保存中…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** Without JavaScript the editor cannot run: a plain textarea takes its place (see readQuestionForm). */
function PlainTextStandIn({ name, json, label }: { name: string; json: string; label: string }) {
  return (
    <noscript>
      <label className="qe-nojs" htmlFor={`${name}Text`}>
        {label}（纯文本；修改后原有的格式和图片不再保留）
      </label>
      <textarea id={`${name}Text`} name={`${name}Text`} rows={4} defaultValue={docPlainText(json)} />
    </noscript>
  );
}

function OptionsSection({
  values,
  errors,
  hidden,
  type,
  answerError,
}: {
  values: QuestionFormValues;
  errors: Record<string, string | undefined>;
  hidden: boolean;
  /** The chosen type once hydrated (null before: both answer controls are shown). */
  type: string | null;
  answerError: string | undefined;
}) {
  const row = (i: number) => <OptionRow key={i} index={i} values={values} error={errors[optionErrorKey(i)]} type={type} />;
  const extraUsed = values.options.slice(VISIBLE_OPTION_ROWS).some((t) => t.trim()) || OPTION_LETTERS.slice(VISIBLE_OPTION_ROWS).some((_, j) => errors[optionErrorKey(VISIBLE_OPTION_ROWS + j)]);
  const carried = values.feedbacks.some((f) => f.trim()) || values.weights.some((w) => w.trim());
  const sectionError = errors.options ?? answerError;
  return (
    <fieldset className={sectionError ? "qe-section field--error" : "qe-section"} hidden={hidden}>
      <legend>选项与答案（单选题、多选题）</legend>
      <p className="field__hint">
        从选项A起依次填写，至少 2 个，空着的末尾选项不计。
        {type === null ? "单选题在“单选答案”处点选唯一的正确选项；多选题勾选“多选答案”。" : type === "single" ? "点选唯一的正确选项。" : "勾选所有正确选项。"}
      </p>
      <div className="qe-options">{Array.from({ length: VISIBLE_OPTION_ROWS }, (_, i) => row(i))}</div>
      <details className="qe-more-options" open={extraUsed || undefined}>
        <summary>更多选项（E–H）</summary>
        <div className="qe-options">{Array.from({ length: OPTION_LETTERS.length - VISIBLE_OPTION_ROWS }, (_, j) => row(VISIBLE_OPTION_ROWS + j))}</div>
      </details>
      {carried ? <p className="field__hint">本题的选项带有导入时的反馈或分值比例，保存时随所在选项原样保留。</p> : null}
      <FieldError id="options-error" message={errors.options} />
      <FieldError id="answer-error-choice" message={answerError} />
    </fieldset>
  );
}

function OptionRow({ index, values, error, type }: { index: number; values: QuestionFormValues; error: string | undefined; type: string | null }) {
  const letter = OPTION_LETTERS[index];
  const errorId = `option${index}-error`;
  return (
    <div className={error ? "qe-option field--error" : "qe-option"}>
      <div className="qe-option__row">
        <label className="qe-option__letter" htmlFor={optionField(index)}>
          {letter}
        </label>
        <input
          id={optionField(index)}
          name={optionField(index)}
          aria-label={`选项${letter}`}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          maxLength={2000}
          defaultValue={values.options[index]}
          autoComplete="off"
        />
        <label className="qe-check qe-check--small" hidden={type === "multiple"}>
          <input type="radio" name="correct" value={String(index)} defaultChecked={values.singleCorrect === String(index)} aria-label={`选项${letter}为单选正确答案`} />
          {type === null ? "单选答案" : "正确"}
        </label>
        <label className="qe-check qe-check--small" hidden={type === "single"}>
          <input type="checkbox" name={correctField(index)} defaultChecked={values.correct[index]} aria-label={`选项${letter}为多选正确答案`} />
          {type === null ? "多选答案" : "正确"}
        </label>
      </div>
      {values.weights[index] ? <input type="hidden" name={weightField(index)} value={values.weights[index]} /> : null}
      {values.feedbacks[index] ? <input type="hidden" name={feedbackField(index)} value={values.feedbacks[index]} /> : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

function FillSection({ values, error, hidden, stemBlanks }: { values: QuestionFormValues; error: string | undefined; hidden: boolean; stemBlanks: number }) {
  const [text, setText] = useState(values.blanks);
  const lines = parseBlankLines(text);
  return (
    <fieldset className={error ? "qe-section field--error" : "qe-section"} hidden={hidden}>
      <legend>填空题答案</legend>
      <div className="field">
        <label htmlFor="blanks">每个空的答案（每行一个空）</label>
        <textarea
          id="blanks"
          name="blanks"
          rows={4}
          defaultValue={values.blanks}
          aria-describedby={error ? "blanks-error" : "blanks-hint"}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {error ? (
          <FieldError id="blanks-error" message={error} />
        ) : (
          <p className="field__hint" id="blanks-hint">
            第 1 行是题干中第 1 个 ____ 的答案，第 2 行是第 2 个，依此类推；一个空有几种可接受的答案时用“/”分隔，如“火警/报警”（答案本身含“/”时写作“\/”）。
          </p>
        )}
      </div>
      <div className="qe-blank-map" aria-live="polite">
        <p>
          题干中有 <strong>{stemBlanks}</strong> 处填空标记，已填写 <strong>{lines.length}</strong> 个空的答案
          {stemBlanks !== lines.length ? <span className="qe-warn">（数目不一致）</span> : null}
        </p>
        {lines.length > 0 ? (
          <ol>
            {lines.map((alternatives, i) => (
              <li key={i}>
                第 {i + 1} 空：{alternatives.map((a) => a || "（空白）").join(" 或 ")}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </fieldset>
  );
}

export interface DuplicateItem {
  id: number;
  status: string;
  excerpt: string;
  href: string;
}

/** The warning shown when the question already exists in the bank, with the box that overrides it. */
export function DuplicateWarning({ duplicates }: { duplicates: readonly DuplicateItem[] }) {
  return (
    <div className="notice notice--error qe-duplicates" role="alert">
      <p>
        <strong>本题库中已有相同的试题</strong>（题型、题干和选项相同，不计标点、空格和大小写）：
      </p>
      <ul>
        {duplicates.map((d) => (
          <li key={d.id}>
            <a href={d.href} target="_blank" rel="noreferrer">
              #{d.id}
            </a>{" "}
            {d.excerpt} <span className="badge">{d.status}</span>
          </li>
        ))}
      </ul>
      <label className="qe-check">
        <input type="checkbox" name="confirmDuplicate" value="1" />
        仍然保存（确认不是重复题）
      </label>
    </div>
  );
}
