// GIFT import (Moodle's question/format/gift/format.php, readquestion()), as a pure function.
// Differences from Moodle, all reported rather than silent: numerical, matching and description
// (no answer block) questions are errors; several short-answer blocks make one fill question with
// several blanks (Moodle reads only the first block); lower-case `{t}`/`{false}` are read as
// true/false with a warning; a `$CATEGORY:` line may be directly followed by a question.

import type { ChoiceOption, ImportIssue, ParsedQuestion, ParseResult, QuestionDraft, TextFormat } from "../model";
import { phpTrim, phpTrimEnd, phpTrimStart, protectEscapes, readFormatPrefix, restoreEscapes } from "./gift-escape";

/** The blank marker a parsed stem carries where an answer block stood (see gift.ts). */
export const GIFT_BLANK = "____";

/** Moodle's answer-weight prefix, e.g. `%50%`, `%-100%`, `%33.33333%`. */
const WEIGHT_RE = /^%(-?\d+(?:\.\d*)?)%/;

const FORMAT_LABEL: Record<TextFormat, string> = { plain: "纯文本", html: "HTML", markdown: "Markdown" };

interface SourceLine {
  line: number;
  text: string;
}

interface Block {
  open: number;
  close: number;
}

type BlockKind = "essay" | "numerical" | "choice" | "match" | "truefalse" | "short";

interface ClassifiedBlock {
  kind: BlockKind;
  /** Answer text without general feedback, trimmed, escapes still protected. */
  answer: string;
  /** Raw general feedback (after `####`), or undefined. */
  generalFeedback?: string;
  /** `{t}` etc.: true/false written in lower case. */
  lowerCaseTrueFalse?: boolean;
}

class QuestionFailure extends Error {}

/** Collects the issues of one question; an error aborts the question via QuestionFailure. */
class Ctx {
  warnings: ImportIssue[] = [];
  constructor(
    readonly line: number,
    readonly errors: ImportIssue[],
  ) {}
  warn(message: string) {
    this.warnings.push({ line: this.line, message });
  }
  fail(message: string): never {
    this.errors.push({ line: this.line, message });
    throw new QuestionFailure(message);
  }
}

export function parseGift(text: string): ParseResult {
  const result: ParseResult = { questions: [], errors: [], warnings: [] };
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = source.split(/\r\n|\r|\n/);
  let category: string | undefined;
  let block: SourceLine[] = [];

  const flush = () => {
    // Moodle: comment lines (trimmed line starting with //) are blanked out of the question.
    let rest = block.filter((l) => !phpTrim(l.text).startsWith("//"));
    block = [];
    while (rest.length > 0 && phpTrim(rest[0].text).startsWith("$CATEGORY:")) {
      category = readCategory(phpTrim(rest[0].text).slice("$CATEGORY:".length));
      rest = rest.slice(1);
    }
    if (rest.length === 0) return;
    const ctx = new Ctx(rest[0].line, result.errors);
    try {
      const question = readQuestion(rest, ctx);
      if (category !== undefined) question.knowledgePoint = category;
      const parsed: ParsedQuestion = { question, line: rest[0].line };
      result.questions.push(parsed);
      result.warnings.push(...ctx.warnings);
    } catch (e) {
      if (!(e instanceof QuestionFailure)) throw e;
      // The error is already recorded; warnings of a question that was not imported are noise.
    }
  };

  for (let i = 0; i < lines.length; i++) {
    if (phpTrim(lines[i]) === "") flush();
    else block.push({ line: i + 1, text: lines[i] });
  }
  flush();
  return result;
}

/** `$course$/top/安全生产法/法律责任` → `安全生产法/法律责任`; `top` alone → no knowledge point. */
function readCategory(raw: string): string | undefined {
  let path = phpTrim(restoreEscapes(protectEscapes(raw)));
  path = path.replace(/^\$[a-z0-9]+\$(\/|$)/i, "");
  path = path.replace(/^top(\/|$)/, "");
  const levels = path
    .split("/")
    .map((level) => phpTrim(level))
    .filter((level) => level !== "");
  return levels.length > 0 ? levels.join("/") : undefined;
}

function readQuestion(lines: SourceLine[], ctx: Ctx): QuestionDraft {
  // Escapes are protected line by line (they never span a newline), so offsets map back to lines.
  const protectedLines = lines.map((l) => protectEscapes(l.text));
  const s = protectedLines.join("\n");
  const lineStarts: number[] = [];
  let acc = 0;
  for (const pl of protectedLines) {
    lineStarts.push(acc);
    acc += pl.length + 1;
  }
  const lineAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < lineStarts.length && lineStarts[i + 1] <= offset) i++;
    return lines[i].line;
  };
  const where = (offset: number) => {
    const l = lineAt(offset);
    return l === ctx.line ? "" : `（位于第 ${l} 行）`;
  };

  let pos = s.length - phpTrimStart(s).length;

  // ::title::
  let title: string | undefined;
  if (s.startsWith("::", pos)) {
    const end = s.indexOf("::", pos + 2);
    if (end < 0) ctx.fail("题目标题缺少结尾的 “::”，本题未导入");
    const t = phpTrim(restoreEscapes(s.slice(pos + 2, end)));
    if (t !== "") title = t;
    pos = end + 2;
  }

  // Answer blocks: unescaped { … }.
  const blocks: Block[] = [];
  let open = -1;
  for (let i = pos; i < s.length; i++) {
    const c = s[i];
    if (c === "{") {
      if (open >= 0) ctx.fail(`答案块内出现未转义的 “{”${where(i)}：上一个 “{” 没有闭合，或需要写成 \\{`);
      open = i;
    } else if (c === "}") {
      if (open < 0) ctx.fail(`“}” 前面没有对应的 “{”${where(i)}，如是普通字符请写成 \\}`);
      blocks.push({ open, close: i });
      open = -1;
    }
  }
  if (open >= 0) ctx.fail(`“{” 没有对应的 “}”${where(open)}，答案块未闭合`);
  if (blocks.length === 0) ctx.fail("没有答案块 {…}：GIFT 说明文字不是试题，本题未导入");

  const classified = blocks.map((b) => classifyBlock(s.slice(b.open + 1, b.close)));
  for (const c of classified) {
    if (c.kind === "numerical") ctx.fail("不支持数值题（GIFT {#…}），本题未导入");
    if (c.kind === "match") ctx.fail("不支持配对题（GIFT {=… -> …}），本题未导入");
  }
  if (blocks.length > 1 && classified.some((c) => c.kind !== "short")) {
    ctx.fail("一道题有多个答案块 {…}，只有填空题（{=答案}）可以有多个空，本题未导入");
  }

  // Stem: the text around the blocks. One block at the very end → nothing inserted (Moodle);
  // otherwise each block becomes a blank marker (Moodle's missing-word format).
  const trimmedEnd = phpTrimEnd(s).length;
  const single = blocks.length === 1 && blocks[0].close === trimmedEnd - 1;
  let stemRaw = "";
  let from = pos;
  for (const b of blocks) {
    stemRaw += s.slice(from, b.open) + (single ? "" : GIFT_BLANK);
    from = b.close + 1;
  }
  stemRaw += s.slice(from);
  stemRaw = phpTrim(stemRaw);
  let stemFormat: TextFormat = "plain";
  const prefix = readFormatPrefix(stemRaw);
  if (prefix) {
    stemFormat = prefix.format;
    stemRaw = prefix.rest;
  }
  const stem = phpTrim(restoreEscapes(stemRaw));
  if (phpTrim(stem.replaceAll(GIFT_BLANK, "")) === "") ctx.fail("题干为空，本题未导入");

  const text = (raw: string, what: string) => readText(raw, stemFormat, what, ctx);

  const feedbacks = classified
    .map((c) => (c.generalFeedback === undefined ? "" : text(c.generalFeedback, "总体反馈")))
    .filter((f) => f !== "");
  if (feedbacks.length > 1) ctx.warn("多个答案块都写了总体反馈 ####，已合并为一条解析");
  const base: Head = { stem, stemFormat };
  if (title !== undefined) base.title = title;
  if (feedbacks.length > 0) base.explanation = feedbacks.join("\n");

  const kind = classified[0].kind;
  if (kind === "essay") return { ...base, type: "essay" };
  if (kind === "truefalse") return readTrueFalse(classified[0], base, ctx, text);
  if (kind === "choice") return readChoice(classified[0].answer, base, ctx, text);
  return { ...base, type: "fill", blanks: classified.map((c, i) => readShortAnswer(c.answer, blocks.length > 1 ? i + 1 : 0, ctx, text)) };
}

/** Moodle's type detection, in Moodle's order. */
function classifyBlock(inner: string): ClassifiedBlock {
  let answer = inner;
  let generalFeedback: string | undefined;
  const gf = answer.lastIndexOf("####");
  if (gf >= 0) {
    generalFeedback = answer.slice(gf + 4);
    answer = answer.slice(0, gf);
  }
  answer = phpTrim(answer);
  const out = (kind: BlockKind, extra: Partial<ClassifiedBlock> = {}): ClassifiedBlock => ({ kind, answer, generalFeedback, ...extra });
  if (answer === "") return out("essay");
  if (answer[0] === "#") return out("numerical");
  if (answer.includes("~")) return out("choice");
  if (answer.includes("=") && answer.includes("->")) return out("match");
  const hash = answer.indexOf("#");
  const check = hash > 0 ? phpTrim(answer.slice(0, hash)) : answer;
  if (["T", "TRUE", "F", "FALSE"].includes(check)) return out("truefalse");
  if (["T", "TRUE", "F", "FALSE"].includes(check.toUpperCase())) return out("truefalse", { lowerCaseTrueFalse: true });
  return out("short");
}

type TextReader = (raw: string, what: string) => string;

/** Moodle's parse_text_with_format for an answer/feedback: optional [format] prefix, then unescape and trim. */
function readText(raw: string, stemFormat: TextFormat, what: string, ctx: Ctx): string {
  let t = phpTrim(raw);
  const prefix = readFormatPrefix(t);
  if (prefix) {
    if (prefix.format !== stemFormat) {
      ctx.warn(`${what}标注为 ${FORMAT_LABEL[prefix.format]} 格式，与题干（${FORMAT_LABEL[stemFormat]}）不同，按题干格式导入`);
    }
    t = prefix.rest;
  }
  return phpTrim(restoreEscapes(t));
}

/** Split on the first `limit - 1` occurrences of sep (PHP explode with a limit). */
function explode(text: string, sep: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < limit - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  parts.push(rest);
  return parts;
}

type Head = { title?: string; stem: string; stemFormat: TextFormat; explanation?: string };

function readTrueFalse(block: ClassifiedBlock, base: Head, ctx: Ctx, text: TextReader): QuestionDraft {
  const [ans, wrongRaw, rightRaw] = explode(block.answer, "#", 3);
  const answer = ["T", "TRUE"].includes(phpTrim(ans).toUpperCase());
  if (block.lowerCaseTrueFalse) ctx.warn(`判断题答案 “${phpTrim(ans)}” 应写成大写 T/TRUE/F/FALSE，已按判断题导入`);
  const wrong = wrongRaw === undefined ? "" : text(wrongRaw, "判断题反馈");
  const right = rightRaw === undefined ? "" : text(rightRaw, "判断题反馈");
  // GIFT: {T#答错时的反馈#答对时的反馈}. trueFeedback is shown to whoever answers 对.
  const trueFeedback = answer ? right : wrong;
  const falseFeedback = answer ? wrong : right;
  const q: QuestionDraft = { ...base, type: "truefalse", answer };
  if (trueFeedback !== "") q.trueFeedback = trueFeedback;
  if (falseFeedback !== "") q.falseFeedback = falseFeedback;
  return q;
}

function fmt(n: number): string {
  return String(Number(n.toFixed(5)));
}

function readChoice(answerText: string, base: Head, ctx: Ctx, text: TextReader): QuestionDraft {
  const single = answerText.includes("=");
  const parts = answerText.replace(/=/g, "~=").split("~");
  parts[0] = phpTrim(parts[0]);
  if (parts[0] === "") parts.shift();
  if (parts.length < 2) ctx.fail("选择题至少需要两个选项，本题未导入");

  const options: ChoiceOption[] = [];
  let correctCount = 0;
  for (const part of parts) {
    let a = phpTrim(part);
    let isRight = false;
    let weight: number | undefined;
    if (a.startsWith("=")) {
      isRight = true;
      a = a.slice(1);
    } else {
      const m = WEIGHT_RE.exec(a);
      if (m) {
        weight = Number(m[1]);
        a = a.slice(m[0].length);
        if (!(weight >= -100 && weight <= 100)) ctx.fail(`选项权重 ${m[1]}% 超出 -100%～100% 的范围，本题未导入`);
      }
    }
    const [optionRaw, feedbackRaw] = explode(a, "#", 2);
    const option: ChoiceOption = { text: text(optionRaw, "选项"), correct: single ? isRight : (weight ?? 0) > 0 };
    if (weight !== undefined) option.weight = weight;
    if (feedbackRaw !== undefined) {
      const fb = text(feedbackRaw, "选项反馈");
      if (fb !== "") option.feedback = fb;
    }
    if (option.text === "") ctx.warn("有一个选项内容为空");
    if (option.correct) correctCount++;
    options.push(option);
  }

  if (single) {
    if (correctCount > 1) ctx.warn(`单选题有 ${correctCount} 个 “=” 正确选项，选任意一个都算对`);
    return { ...base, type: "single", options };
  }
  // No "=": multiple response; Moodle requires the positive weights to add up to 100%
  // (round(total, 2) == 1 in qtype_multichoice), so 33.333% × 3 is accepted.
  if (correctCount === 0) ctx.fail("选择题没有正确答案：单选用 “=” 标出正确选项，多选用 “~%50%” 这样的正权重，本题未导入");
  const total = options.reduce((sum, o) => sum + Math.max(0, o.weight ?? 0), 0);
  if (Math.abs(total - 100) > 1e-9) {
    if (Math.round(total) === 100 && Math.abs(total - 100) < 0.5) {
      ctx.warn(`多选题正确选项的权重之和为 ${fmt(total)}%，不是恰好 100%（四舍五入误差），已导入`);
    } else {
      ctx.fail(`多选题正确选项的权重之和为 ${fmt(total)}%，应为 100%，本题未导入`);
    }
  }
  return { ...base, type: "multiple", options };
}

/** One short-answer block → the accepted answers of one blank. */
function readShortAnswer(answerText: string, blankNo: number, ctx: Ctx, text: TextReader): string[] {
  const label = blankNo > 0 ? `第 ${blankNo} 空` : "填空题";
  const parts = answerText.split("=");
  parts[0] = phpTrim(parts[0]);
  if (parts[0] === "") parts.shift();
  const answers: string[] = [];
  let droppedFeedback = false;
  for (const part of parts) {
    let a = phpTrim(part);
    let weight = 100;
    const m = WEIGHT_RE.exec(a);
    if (m) {
      weight = Number(m[1]);
      a = a.slice(m[0].length);
    }
    const [answerRaw, feedbackRaw] = explode(a, "#", 2);
    const answer = text(answerRaw, "答案");
    if (feedbackRaw !== undefined && phpTrim(feedbackRaw) !== "") droppedFeedback = true;
    if (answer === "") continue;
    if (weight <= 0) {
      ctx.warn(`${label}中得分为 ${fmt(weight)}% 的答案 “${answer}” 不是正确答案，已忽略`);
      continue;
    }
    if (weight !== 100) ctx.warn(`${label}的答案 “${answer}” 只得 ${fmt(weight)}% 分，平台不支持部分得分，按正确答案导入`);
    if (answer.includes("*")) ctx.warn(`${label}的答案 “${answer}” 含 *：Moodle 中是通配符，这里按普通字符导入`);
    answers.push(answer);
  }
  if (droppedFeedback) ctx.warn(`${label}答案后的反馈（#…）平台不支持，已忽略`);
  if (answers.length === 0) ctx.fail(`${label}没有正确答案，本题未导入`);
  return answers;
}
