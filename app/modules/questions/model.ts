// The question as every importer produces it and every exporter consumes it: plain data, before
// it is stored as a versioned question in a bank. Types: 单选 single, 多选 multiple, 判断
// truefalse, 填空 fill (one or more blanks, several accepted answers each), 简答 essay.

export type QuestionType = "single" | "multiple" | "truefalse" | "fill" | "essay";

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: "单选",
  multiple: "多选",
  truefalse: "判断",
  fill: "填空",
  essay: "简答",
};

/** How stem and explanation text are written in the source: GIFT's [html]/[markdown] or plain. */
export type TextFormat = "plain" | "html" | "markdown";

export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** GIFT credit in percent (−100…100) for multiple-response options; omitted means all-or-nothing. */
  weight?: number;
  /** Per-option feedback (GIFT `#feedback`). */
  feedback?: string;
}

interface QuestionBase {
  /** GIFT `::title::`, kept so a round trip is lossless. */
  title?: string;
  stem: string;
  stemFormat: TextFormat;
  /** 解析: shown after answering (GIFT general feedback `####`). */
  explanation?: string;
  /** 1 (easiest) to 5. */
  difficulty?: number;
  /** 知识点 path, levels joined by "/", e.g. "安全生产法/法律责任" (GIFT $CATEGORY maps here). */
  knowledgePoint?: string;
  tags?: string[];
  /** Training tier codes the question applies to (chief, staff, grid, cadre). */
  tiers?: string[];
  /** 法规条款 the question is based on. */
  source?: string;
}

export type QuestionDraft =
  | (QuestionBase & { type: "single"; options: ChoiceOption[] })
  | (QuestionBase & { type: "multiple"; options: ChoiceOption[] })
  | (QuestionBase & { type: "truefalse"; answer: boolean; trueFeedback?: string; falseFeedback?: string })
  | (QuestionBase & { type: "fill"; blanks: string[][] })
  | (QuestionBase & { type: "essay"; referenceAnswer?: string; rubric?: string });

/** A problem found while reading a file, at an Excel row or a text line, in Chinese. */
export interface ImportIssue {
  /** 1-based line of a text file (GIFT, Aiken). */
  line?: number;
  /** 1-based Excel row (the header is row 1). */
  row?: number;
  message: string;
}

export interface ParsedQuestion {
  question: QuestionDraft;
  /** Where it starts: a line (text formats) or a row (Excel). */
  line?: number;
  row?: number;
}

export interface ParseResult {
  questions: ParsedQuestion[];
  errors: ImportIssue[];
  /** Things imported with a loss or a guess the author should know about (never silent). */
  warnings: ImportIssue[];
}

/** "第 12 行：…" for a report line. */
export function formatIssue(issue: ImportIssue): string {
  if (issue.row !== undefined) return `第 ${issue.row} 行：${issue.message}`;
  if (issue.line !== undefined) return `第 ${issue.line} 行：${issue.message}`;
  return issue.message;
}
