// One question of a closed attempt's review: my answer beside the key, the 解析 and my score.
// Only rendered when the server decided the review is visible (attemptResult).
import { points } from "./attempt-line";

interface ReviewData {
  position: number;
  type: string;
  stemHtml: string;
  options: Array<{ index: number; text: string; correct: boolean }>;
  key: unknown;
  explanationHtml: string;
  answer: unknown;
  scoreX100: number | null;
  maxX100: number;
  outcome: string | null;
}

type AnyAnswer = { choice?: number; choices?: number[]; value?: boolean; blanks?: string[]; text?: string } | null;
const letter = (i: number) => String.fromCharCode(65 + i);

function mine(item: ReviewData): string {
  const a = item.answer as AnyAnswer;
  if (!a) return "未作答";
  if (a.choice !== undefined) return letter(a.choice);
  if (a.choices) return a.choices.map(letter).join("、");
  if (a.value !== undefined) return a.value ? "对" : "错";
  if (a.blanks) return a.blanks.join(" ／ ");
  return a.text ?? "";
}

function keyText(item: ReviewData): string {
  if (item.options.length) return item.options.filter((o) => o.correct).map((o) => letter(o.index)).join("、");
  if (typeof item.key === "boolean") return item.key ? "对" : "错";
  if (Array.isArray(item.key)) return item.key.map((b: unknown) => (Array.isArray(b) ? b.join(" 或 ") : String(b))).join(" ／ ");
  return typeof item.key === "string" ? item.key : "—";
}

export function ReviewItem({ item }: { item: ReviewData }) {
  return (
    <article className="exam-review">
      <h3>
        第 {item.position} 题 <span className="muted">{item.scoreX100 === null ? "待阅卷" : `${points(item.scoreX100)} / ${points(item.maxX100)} 分`}</span>
      </h3>
      <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
      {item.options.length ? (
        <ol className="exam-review__options">
          {item.options.map((o) => (
            <li key={o.index}>
              {letter(o.index)}. {o.text}
            </li>
          ))}
        </ol>
      ) : null}
      <p>我的答案：{mine(item)}</p>
      <p>参考答案：{keyText(item)}</p>
      {item.explanationHtml ? (
        <div className="exam-review__explain">
          <strong>解析</strong>
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.explanationHtml }} />
        </div>
      ) : null}
    </article>
  );
}
