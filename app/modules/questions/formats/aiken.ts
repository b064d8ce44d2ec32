// The Aiken format (Moodle `question/format/aiken`): plain-text single-answer multiple choice.
//
//   下列哪种灭火器适用于扑救电气火灾？      ← stem, may span several lines until the first option
//   A. 清水灭火器                          ← options: capital letter, "." or ")", a space, text
//   B) 二氧化碳灭火器
//   ANSWER: B                              ← the answer line ends the question
//                                          ← a blank line before the next question
//
// Extension (common in Chinese question banks, not in Moodle): several letters on the answer line,
// `ANSWER: A,C` (also `A，C`, `A、C`, `A C`, `AC`), make a multiple-response question (`multiple`).
// Moodle itself would read only the first letter, so files using it are for this platform only.
//
// Deliberately strict where Moodle guesses: "A.text" (no space after the delimiter) and full-width
// delimiters ("A．", "A、", "A）") are reported, not read as options. Pure: no I/O.
import type { ChoiceOption, ImportIssue, ParsedQuestion, ParseResult, QuestionDraft } from "../model";

const OPTION = /^([A-Z])[.)][ \t]+(.*)$/;
/** Looks like an option but is not one: no space after the delimiter, a full-width or 、 delimiter, or no text. */
const BAD_OPTION = /^([A-Z])\s*([.)．）、])(.*)$/;
const ANSWER = /^ANSWER\s*[:：](.*)$/;
const MISSPELT_ANSWER = /^(?:answer|正确答案|答案)\s*[:：]/i;

const letterOf = (index: number) => String.fromCharCode(65 + index);

interface Block {
  line: number;
  stem: string[];
  options: string[];
  optionLine: number;
  broken: boolean;
}

/** Parses an Aiken file (already decoded, see text-encoding.ts). Every problem is reported with its line. */
export function parseAiken(text: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const questions: ParsedQuestion[] = [];
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let block: Block | null = null;
  /** After an ANSWER line, until a blank line. */
  let answeredAt: number | null = null;
  let blankBefore = true;

  const error = (line: number, message: string) => {
    errors.push({ line, message });
    if (block) block.broken = true;
  };
  const unfinished = (b: Block) => {
    errors.push({ line: b.line, message: `从第 ${b.line} 行开始的题目缺少「ANSWER:」答案行` });
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const line = raw.trim();
    if (!line) {
      answeredAt = null;
      blankBefore = true;
      if (block && block.options.length === 0 && block.stem.length > 0) block.stem.push("");
      continue;
    }
    const wasBlankBefore = blankBefore;
    blankBefore = false;

    if (answeredAt !== null) {
      errors.push({ line: lineNo, message: `第 ${answeredAt} 行的 ANSWER 行之后须空一行，再开始下一题` });
      answeredAt = null;
      // Read on as the start of the next question, so its own problems are found too.
    }

    const answer = ANSWER.exec(line);
    if (!answer && MISSPELT_ANSWER.test(line)) {
      // "Answer: B", "答案：B": report rather than guess, and close the question so nothing cascades.
      error(lineNo, `答案行须写成「ANSWER: B」（大写英文 ANSWER 加冒号），实为「${line}」`);
      answeredAt = lineNo;
      block = null;
      continue;
    }
    if (answer) {
      answeredAt = lineNo;
      if (!block) {
        errors.push({ line: lineNo, message: "ANSWER 行之前没有题干和选项" });
        continue;
      }
      const finished = finishBlock(block, answer[1], lineNo, error);
      if (finished && !block.broken) questions.push({ question: finished, line: block.line });
      block = null;
      continue;
    }

    const option = OPTION.exec(line);
    if (option && block && (block.stem.some(Boolean) || block.options.length > 0)) {
      const letter = option[1];
      const expected = letterOf(block.options.length);
      if (letter !== expected) {
        const earlier = block.options.findIndex((_, k) => letterOf(k) === letter);
        error(
          lineNo,
          earlier >= 0 ? `选项字母 ${letter} 重复` : `选项应按 A、B、C… 的顺序排列，此处应为 ${expected}，实为 ${letter}`,
        );
      }
      const optionText = option[2].trim();
      if (block.options.length === 0) block.optionLine = lineNo;
      block.options.push(optionText);
      continue;
    }
    if (option && !block) {
      // An option with no stem before it: report it and start a block so the rest is still checked.
      block = { line: lineNo, stem: [], options: [option[2].trim()], optionLine: lineNo, broken: false };
      error(lineNo, "选项之前没有题干");
      continue;
    }

    const bad = BAD_OPTION.exec(line);
    const optionsStarted = block !== null && block.options.length > 0;
    if (bad && block && (optionsStarted || block.stem.some(Boolean))) {
      const [, letter, delimiter, rest] = bad;
      if (!rest.trim()) error(lineNo, `选项 ${letter} 没有内容`);
      else if (delimiter === "." || delimiter === ")") error(lineNo, `选项「${letter}${delimiter}」之后缺少空格（应写成「${letter}${delimiter} ${rest.trim()}」）`);
      else error(lineNo, `选项 ${letter} 的分隔符「${delimiter}」不符合 Aiken 格式，应写成「${letter}. 」或「${letter}) 」（英文句点或右括号，再加空格）`);
      if (block.options.length === 0) block.optionLine = lineNo;
      block.options.push(rest.trim());
      continue;
    }

    if (block && optionsStarted) {
      if (wasBlankBefore) {
        // A new question started while the previous one never got its answer line.
        unfinished(block);
        block = { line: lineNo, stem: [line], options: [], optionLine: 0, broken: false };
      } else {
        error(lineNo, "选项之后的这一行既不是选项也不是「ANSWER:」行（选项须以「A. 」或「A) 」开头，每个选项占一行）");
      }
      continue;
    }
    if (block) block.stem.push(line);
    else block = { line: lineNo, stem: [line], options: [], optionLine: 0, broken: false };
  }
  if (block) unfinished(block);
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { questions, errors, warnings };
}

function finishBlock(
  block: Block,
  answerText: string,
  lineNo: number,
  error: (line: number, message: string) => void,
): QuestionDraft | null {
  const stem = trimBlankLines(block.stem).join("\n");
  if (!stem) error(block.line, "题干为空");
  if (block.options.length < 2) {
    error(lineNo, `至少需要 2 个选项，此题只有 ${block.options.length} 个`);
    return null;
  }
  const value = answerText.trim().toUpperCase();
  if (!value) {
    error(lineNo, "「ANSWER:」之后没有答案字母");
    return null;
  }
  // Extension: several letters (A,C / A，C / A、C / A C / AC) → multiple response.
  if (!/^[A-Z](?:[\s,，、]*[A-Z])*$/.test(value)) {
    error(lineNo, `答案「${answerText.trim()}」格式不正确，应为选项字母，如「ANSWER: B」（多选：「ANSWER: A,C」）`);
    return null;
  }
  const letters = value.replace(/[\s,，、]/g, "").split("");
  const seen = new Set<string>();
  for (const letter of letters) {
    if (seen.has(letter)) {
      error(lineNo, `答案字母 ${letter} 重复`);
      return null;
    }
    seen.add(letter);
    if (letter.charCodeAt(0) - 65 >= block.options.length) {
      error(lineNo, `答案 ${letter} 不在选项中（本题选项为 A–${letterOf(block.options.length - 1)}）`);
      return null;
    }
  }
  const options: ChoiceOption[] = block.options.map((text, k) => ({ text, correct: seen.has(letterOf(k)) }));
  return { type: letters.length > 1 ? "multiple" : "single", stem, stemFormat: "plain", options };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]) start++;
  while (end > start && !lines[end - 1]) end--;
  return lines.slice(start, end);
}

export interface AikenExport {
  text: string;
  /** Questions not written at all (index into the input), with the reason in Chinese. */
  skipped: Array<{ index: number; reason: string }>;
  /** Questions written, but with fields Aiken cannot hold left out. */
  warnings: Array<{ index: number; reason: string }>;
}

/** Why a question cannot be written as Aiken, or null if it can. */
function unrepresentable(question: QuestionDraft): string | null {
  if (question.type !== "single" && question.type !== "multiple") {
    return `Aiken 格式只能表示单选题（及扩展的多选题），不能表示${TYPE_NAMES[question.type]}`;
  }
  if (question.options.length < 2) return "选项少于 2 个";
  if (question.options.length > 26) return "选项超过 26 个（A–Z）";
  const correct = question.options.filter((o) => o.correct).length;
  if (correct === 0) return "没有正确选项";
  if (question.type === "single" && correct > 1) return "单选题有多个正确选项";
  if (question.type === "multiple" && correct === 1) return "多选题只有一个正确选项，导回时会被读成单选题";
  const stemLines = question.stem.split(/\r\n|\r|\n/).map((l) => l.trim());
  if (!stemLines.some(Boolean)) return "题干为空";
  if (stemLines[0] === "" ) return "题干以空行开头";
  for (const line of stemLines) {
    if (ANSWER.test(line)) return "题干中有以「ANSWER:」开头的行";
    if (OPTION.test(line) || BAD_OPTION.test(line)) return `题干中的「${line}」一行会被读成选项`;
  }
  for (const [k, option] of question.options.entries()) {
    if (!option.text.trim()) return `选项 ${letterOf(k)} 为空`;
    if (/[\r\n]/.test(option.text)) return `选项 ${letterOf(k)} 含有换行，Aiken 每个选项只能占一行`;
  }
  return null;
}

const TYPE_NAMES: Record<QuestionDraft["type"], string> = {
  single: "单选题",
  multiple: "多选题",
  truefalse: "判断题",
  fill: "填空题",
  essay: "简答题",
};

/** What an exported question loses (Aiken has only stem, options and the answer). */
function aikenLosses(question: QuestionDraft): string[] {
  const lost: string[] = [];
  if (question.title) lost.push("标题");
  if (question.stemFormat !== "plain") lost.push(`题干格式（${question.stemFormat}，按纯文本导出）`);
  if (question.explanation) lost.push("解析");
  if (question.difficulty !== undefined) lost.push("难度");
  if (question.knowledgePoint) lost.push("知识点");
  if (question.tags?.length) lost.push("标签");
  if (question.tiers?.length) lost.push("适用层级");
  if (question.source) lost.push("法规条款");
  if ((question.type === "single" || question.type === "multiple") && question.options.some((o) => o.feedback)) lost.push("选项反馈");
  if ((question.type === "single" || question.type === "multiple") && question.options.some((o) => o.weight !== undefined)) lost.push("选项分值比例");
  const stemLines = question.stem.split(/\r\n|\r|\n/);
  if (stemLines.some((l) => l !== l.trim()) || question.stem !== question.stem.trim()) lost.push("题干行首行尾的空白");
  if ((question.type === "single" || question.type === "multiple") && question.options.some((o) => o.text !== o.text.trim())) lost.push("选项首尾的空白");
  return lost;
}

/**
 * Writes single (and, by the extension above, multiple) choice questions as Aiken. Questions that
 * cannot be written are listed in `skipped`; fields left out of written ones in `warnings`.
 */
export function exportAiken(questions: readonly QuestionDraft[]): AikenExport {
  const blocks: string[] = [];
  const skipped: AikenExport["skipped"] = [];
  const warnings: AikenExport["warnings"] = [];
  questions.forEach((question, index) => {
    const reason = unrepresentable(question);
    if (reason || (question.type !== "single" && question.type !== "multiple")) {
      skipped.push({ index, reason: reason ?? "题型不受支持" });
      return;
    }
    const lost = aikenLosses(question);
    if (lost.length > 0) warnings.push({ index, reason: `Aiken 格式无法保存：${lost.join("、")}` });
    const stem = trimBlankLines(question.stem.split(/\r\n|\r|\n/).map((l) => l.trim())).join("\n");
    const options = question.options.map((o, k) => `${letterOf(k)}. ${o.text.trim()}`);
    const answer = question.options.flatMap((o, k) => (o.correct ? [letterOf(k)] : [])).join(",");
    blocks.push([stem, ...options, `ANSWER: ${answer}`].join("\n"));
  });
  return { text: blocks.length > 0 ? blocks.join("\n\n") + "\n" : "", skipped, warnings };
}
