// One question of an open attempt as form controls. Options come in the frozen display order but
// carry their ORIGINAL index as the value, which is what answers store. Works as a plain form
// without JavaScript; with it, each change is reported to the page for autosave.
import type { TakerItem } from "~/modules/exams/attempt-view.server";
import { answerField, answerFromValues, flagField } from "./answer-form";

const TYPE_LABELS: Record<TakerItem["type"], string> = { single: "单选题", multiple: "多选题", truefalse: "判断题", fill: "填空题", essay: "简答题" };

type AnyAnswer = { choice?: number; choices?: number[]; value?: boolean; blanks?: string[]; text?: string } | null;

export function QuestionView({
  item,
  answer,
  flagged,
  savedLabel,
  error,
  onAnswer,
  onFlag,
}: {
  item: TakerItem;
  answer: unknown;
  flagged: boolean;
  savedLabel: string | null;
  error: string | null;
  onAnswer: (answer: unknown, typing: boolean) => void;
  onFlag: (flagged: boolean) => void;
}) {
  const a = answer as AnyAnswer;
  const name = answerField(item.position);
  const choose = (values: string[]) => onAnswer(answerFromValues(item.type, values, item.blanks), false);
  return (
    <fieldset className="exam-question" id={`q${item.position}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>
        <span className="exam-question__no">第 {item.position} 题</span> <span className="badge">{TYPE_LABELS[item.type]}</span>
      </legend>
      <div className="rich-text exam-question__stem" dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
      {item.type === "single" || item.type === "multiple" ? (
        <div className="exam-options">
          {item.options.map((o, i) => {
            const checked = item.type === "single" ? a?.choice === o.index : (a?.choices ?? []).includes(o.index);
            return (
              <label key={o.index} className="exam-option">
                <input
                  type={item.type === "single" ? "radio" : "checkbox"}
                  name={name}
                  value={o.index}
                  checked={checked}
                  onChange={(e) => {
                    if (item.type === "single") return choose([String(o.index)]);
                    const now = new Set(a?.choices ?? []);
                    if (e.target.checked) now.add(o.index);
                    else now.delete(o.index);
                    choose([...now].map(String));
                  }}
                />
                <span className="exam-option__letter">{String.fromCharCode(65 + i)}</span>
                <span>{o.text}</span>
              </label>
            );
          })}
        </div>
      ) : null}
      {item.type === "truefalse" ? (
        <div className="exam-options exam-options--row">
          {(["true", "false"] as const).map((v) => (
            <label key={v} className="exam-option">
              <input type="radio" name={name} value={v} checked={a?.value === (v === "true")} onChange={() => choose([v])} />
              <span>{v === "true" ? "对" : "错"}</span>
            </label>
          ))}
        </div>
      ) : null}
      {item.type === "fill" ? (
        <div className="exam-blanks">
          {Array.from({ length: item.blanks }, (_, i) => (
            <label key={i} className="exam-blank">
              <span>第 {i + 1} 空</span>
              <input
                type="text"
                name={name}
                maxLength={200}
                value={a?.blanks?.[i] ?? ""}
                onChange={(e) => {
                  const blanks = Array.from({ length: item.blanks }, (_, k) => (k === i ? e.target.value : (a?.blanks?.[k] ?? "")));
                  onAnswer(answerFromValues("fill", blanks, item.blanks), true);
                }}
              />
            </label>
          ))}
        </div>
      ) : null}
      {item.type === "essay" ? (
        <label className="exam-blank">
          <span>作答</span>
          <textarea name={name} rows={6} maxLength={5000} value={a?.text ?? ""} onChange={(e) => onAnswer(answerFromValues("essay", [e.target.value], 0), true)} />
        </label>
      ) : null}
      <div className="exam-question__foot">
        <label className="exam-flag">
          <input type="checkbox" name={flagField(item.position)} value="1" checked={flagged} onChange={(e) => onFlag(e.target.checked)} />
          标记此题
        </label>
        {savedLabel ? (
          <span className="exam-saved" role="status">
            {savedLabel}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="field__error" id={`${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
