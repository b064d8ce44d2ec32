// GIFT export (Moodle's qformat_gift::writequestion), written so that parseGift reads every
// question back deep-equal, and giftLosses() listing what a question loses on the way.

import type { ChoiceOption, QuestionDraft, TextFormat } from "../model";
import { escapeGift, phpTrim, readFormatPrefix } from "./gift-escape";

/** A blank in a fill stem: four or more underscores (parseGift writes exactly four). */
const BLANK_RUN = /_{4,}/g;

/** Moodle weight syntax an answer text must not start with, or it would be read as a weight. */
const WEIGHT_LIKE = /^%-?\d+(?:\.\d*)?%/;

export function exportGift(questions: QuestionDraft[]): string {
  const out: string[] = [];
  let category: string | undefined;
  for (const q of questions) {
    const kp = normalizeKnowledgePoint(q.knowledgePoint);
    if (kp !== category) {
      out.push(`$CATEGORY: $course$/top${kp === undefined ? "" : `/${escapeCategory(kp)}`}`, "");
      category = kp;
    }
    out.push(writeQuestion(q), "");
  }
  return out.join("\n");
}

function normalizeKnowledgePoint(kp: string | undefined): string | undefined {
  if (kp === undefined) return undefined;
  const levels = kp
    .split("/")
    .map((l) => phpTrim(l))
    .filter((l) => l !== "");
  return levels.length > 0 ? levels.join("/") : undefined;
}

/** Category paths are written as Moodle writes them (raw); only a backslash and newlines are escaped. */
function escapeCategory(kp: string): string {
  return kp.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n");
}

/**
 * A text in GIFT with a `[format]` prefix when its format differs from the default one, or when the
 * text itself starts with something the reader would take for syntax (`[html]`, or for a stem at the
 * start of a line `//` and `$CATEGORY:`).
 */
function writeText(text: string, format: TextFormat, defaultFormat: TextFormat, lineStart = false): string {
  return (needsFormatPrefix(text, format, defaultFormat, lineStart) ? `[${format}]` : "") + escapeGift(text);
}

function needsFormatPrefix(text: string, format: TextFormat, defaultFormat: TextFormat, lineStart: boolean): boolean {
  const t = phpTrim(text);
  return format !== defaultFormat || readFormatPrefix(t) !== null || (lineStart && (t.startsWith("//") || t.startsWith("$CATEGORY:")));
}

function hasTitle(q: QuestionDraft): boolean {
  return q.title !== undefined && q.title !== "";
}

function writeHead(q: QuestionDraft, stemBody?: string): string {
  const title = hasTitle(q) ? `::${escapeGift(q.title ?? "")}::` : "";
  const body = stemBody ?? writeText(q.stem, q.stemFormat, "plain", title === "");
  return title + body;
}

function generalFeedback(q: QuestionDraft): string {
  return q.explanation !== undefined && q.explanation !== "" ? `####${writeText(q.explanation, q.stemFormat, q.stemFormat)}` : "";
}

/** A given weight is written exactly (so it reads back equal); a computed one with 5 decimals like Moodle. */
function formatWeight(w: number): string {
  return String(w);
}

function computedWeight(w: number): string {
  return String(Number(w.toFixed(5)));
}

function writeOption(marker: string, o: ChoiceOption, format: TextFormat): string {
  let line = `\t${marker}${writeText(o.text, format, format)}`;
  if (o.feedback !== undefined && o.feedback !== "") line += `#${writeText(o.feedback, format, format)}`;
  return line;
}

function writeChoice(q: Extract<QuestionDraft, { type: "single" | "multiple" }>): string {
  const lines: string[] = [];
  if (q.type === "single") {
    for (const o of q.options) {
      const marker = o.correct ? "=" : o.weight !== undefined ? `~%${formatWeight(o.weight)}%` : "~";
      lines.push(writeOption(marker, o, q.stemFormat));
    }
  } else {
    // Correct options without a weight (all-or-nothing in the platform) share what the given
    // weights leave of 100%; wrong options without a weight get -100% so "select all" scores 0.
    const given = q.options.reduce((sum, o) => sum + (o.weight !== undefined && o.weight > 0 ? o.weight : 0), 0);
    const unweightedCorrect = q.options.filter((o) => o.correct && o.weight === undefined).length;
    const share = unweightedCorrect > 0 ? (100 - given) / unweightedCorrect : 0;
    const anyUnweighted = unweightedCorrect > 0;
    for (const o of q.options) {
      let marker: string;
      if (o.weight !== undefined) marker = `~%${formatWeight(o.weight)}%`;
      else if (o.correct) marker = `~%${computedWeight(share)}%`;
      else marker = anyUnweighted ? "~%-100%" : "~";
      lines.push(writeOption(marker, o, q.stemFormat));
    }
  }
  const gf = generalFeedback(q);
  if (gf) lines.push(`\t${gf}`);
  return `${writeHead(q)}{\n${lines.join("\n")}\n}`;
}

function writeFillBlock(answers: string[], format: TextFormat, gf: string): string {
  const parts = answers.map((a) => {
    const t = writeText(a, format, format);
    return `=${WEIGHT_LIKE.test(phpTrim(a)) ? "%100%" : ""}${t}`;
  });
  return `{${parts.join(" ")}${gf}}`;
}

function writeFill(q: Extract<QuestionDraft, { type: "fill" }>): string {
  const gf = generalFeedback(q);
  const blocks = q.blanks.map((answers, i) => writeFillBlock(answers, q.stemFormat, i === q.blanks.length - 1 ? gf : ""));
  if (blocks.length === 0) return `${writeHead(q)}{${gf}}`;

  const stemText = phpTrim(q.stem);
  const segments = stemText.split(BLANK_RUN);
  const markers = segments.length - 1;
  let body = needsFormatPrefix(segments[0], q.stemFormat, "plain", !hasTitle(q)) ? `[${q.stemFormat}]` : "";
  const used = Math.min(markers, blocks.length);
  const runs = stemText.match(BLANK_RUN) ?? [];
  for (let i = 0; i < segments.length; i++) {
    body += escapeGift(segments[i]);
    if (i < segments.length - 1) body += i < used ? blocks[i] : runs[i];
  }
  if (used < blocks.length) {
    // Blanks without a marker go at the end of the stem.
    body += (used === 0 && blocks.length === 1 ? "" : " ") + blocks.slice(used).join(" ");
  } else if (blocks.length === 1 && phpTrim(segments[segments.length - 1]) === "") {
    // A single block at the very end is read as "answer after the stem" (no blank marker);
    // a trailing escaped newline keeps the marker, and is trimmed away on import.
    body += "\\n";
  }
  return writeHead(q, body);
}

function writeTrueFalse(q: Extract<QuestionDraft, { type: "truefalse" }>): string {
  const right = q.answer ? q.trueFeedback : q.falseFeedback;
  const wrong = q.answer ? q.falseFeedback : q.trueFeedback;
  let block = q.answer ? "TRUE" : "FALSE";
  if (wrong) block += `#${writeText(wrong, q.stemFormat, q.stemFormat)}`;
  else if (right) block += "#";
  if (right) block += `#${writeText(right, q.stemFormat, q.stemFormat)}`;
  return `${writeHead(q)}{${block}${generalFeedback(q)}}`;
}

function writeQuestion(q: QuestionDraft): string {
  switch (q.type) {
    case "single":
    case "multiple":
      return writeChoice(q);
    case "truefalse":
      return writeTrueFalse(q);
    case "fill":
      return writeFill(q);
    case "essay":
      return `${writeHead(q)}{${generalFeedback(q)}}`;
  }
}

/** What a question loses (or how it changes) when written as GIFT, in Chinese, for the export UI. */
export function giftLosses(q: QuestionDraft): string[] {
  const losses: string[] = [];
  if (q.difficulty !== undefined) losses.push("难度无法写入 GIFT，导出后丢失");
  if (q.tiers !== undefined && q.tiers.length > 0) losses.push("适用培训层级无法写入 GIFT，导出后丢失");
  if (q.source !== undefined && q.source !== "") losses.push("法规条款出处无法写入 GIFT，导出后丢失");
  if (q.tags !== undefined && q.tags.length > 0) losses.push("标签无法写入 GIFT，导出后丢失");
  if (phpTrim(q.stem) !== q.stem) losses.push("题干首尾的空白会被去掉");

  switch (q.type) {
    case "essay":
      if (q.referenceAnswer !== undefined && q.referenceAnswer !== "") losses.push("简答题参考答案无法写入 GIFT，导出后丢失");
      if (q.rubric !== undefined && q.rubric !== "") losses.push("简答题评分要点无法写入 GIFT，导出后丢失");
      break;
    case "single": {
      const correct = q.options.filter((o) => o.correct).length;
      if (q.options.length < 2) losses.push("选项少于两个，GIFT 选择题无法导入");
      if (correct === 0) losses.push("单选题没有正确答案，导出的 GIFT 无法再导入");
      else if (correct === q.options.length) losses.push("所有选项都是正确答案，GIFT 会把它读成填空题");
      if (q.options.some((o) => o.correct && o.weight !== undefined)) losses.push("单选题正确选项的权重无法写入 GIFT（正确选项总是满分）");
      break;
    }
    case "multiple": {
      if (q.options.length < 2) losses.push("选项少于两个，GIFT 选择题无法导入");
      if (!q.options.some((o) => o.correct)) losses.push("多选题没有正确答案，导出的 GIFT 无法再导入");
      if (q.options.some((o) => o.correct && o.weight === undefined)) {
        losses.push("多选题未设权重（全部选对才得分）：GIFT 只能按比例给分，导出时正确选项平分 100%，错误选项记 -100%");
      }
      if (q.options.some((o) => o.weight !== undefined && o.correct !== o.weight > 0)) {
        losses.push("有选项的 “正确” 标记与权重正负不一致，导入时按权重判断");
      }
      break;
    }
    case "fill": {
      const runs = phpTrim(q.stem).match(BLANK_RUN) ?? [];
      if (q.blanks.length === 0) losses.push("填空题没有空，导出后会被读成简答题");
      if (q.blanks.some((answers) => answers.filter((a) => phpTrim(a) !== "").length === 0)) {
        losses.push("有的空没有答案，导出的 GIFT 无法再导入");
      }
      if (runs.length > 0 && runs.length !== q.blanks.length) {
        losses.push(`题干中的空位标记（____）有 ${runs.length} 处，答案有 ${q.blanks.length} 空，不一致：多出的答案放在题干末尾`);
      } else if (runs.length === 0 && q.blanks.length > 1) {
        losses.push("题干中没有空位标记（____），各空的答案会依次放在题干末尾");
      }
      if (runs.some((r) => r !== "____")) losses.push("空位标记统一写成四个下划线 ____");
      if (q.blanks.some((answers) => answers.some((a) => a.includes("->")))) {
        losses.push("填空答案含 “->”，GIFT 会把它读成配对题，无法再导入");
      }
      break;
    }
    case "truefalse":
      break;
  }
  return losses;
}
