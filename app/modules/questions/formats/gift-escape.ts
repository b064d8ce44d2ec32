// GIFT escapes, following Moodle's qformat_gift (escapedchar_pre / escapedchar_post / repchar).
// `\\ \~ \= \# \{ \} \:` stand for the literal character and `\n` for a newline. While a question is
// parsed the escapes are replaced by private-use placeholders, so the structural scan only ever sees
// unescaped control characters; the placeholders are turned back into characters at the very end.

import type { TextFormat } from "../model";

const PLACEHOLDER: Record<string, string> = {
  "\\": "\uE000",
  ":": "\uE001",
  "#": "\uE002",
  "=": "\uE003",
  "{": "\uE004",
  "}": "\uE005",
  "~": "\uE006",
  n: "\uE007",
};

const CHAR_OF_PLACEHOLDER: Record<string, string> = {
  "\uE000": "\\",
  "\uE001": ":",
  "\uE002": "#",
  "\uE003": "=",
  "\uE004": "{",
  "\uE005": "}",
  "\uE006": "~",
  "\uE007": "\n",
};

/** Replace escape sequences with placeholders (left to right, so `\\n` is a backslash and an n). */
export function protectEscapes(text: string): string {
  return text.replace(/\\([\\:#={}~n])/g, (_m, c: string) => PLACEHOLDER[c]);
}

/** Turn placeholders back into the characters they stand for. */
export function restoreEscapes(text: string): string {
  return text.replace(/[\uE000-\uE007]/g, (c) => CHAR_OF_PLACEHOLDER[c]);
}

/** Escape a text for GIFT output (Moodle's repchar): `\ ~ = # { } :` get a backslash, newlines become `\n`. */
export function escapeGift(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\\~=#{}:\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** PHP's trim(): only ASCII whitespace, so a fullwidth space (U+3000) in Chinese text is kept. */
export function phpTrim(text: string): string {
  return phpTrimEnd(phpTrimStart(text));
}

const PHP_SPACE = new Set([" ", "\t", "\n", "\r", "\0", "\u000B"]);

export function phpTrimStart(text: string): string {
  let i = 0;
  while (i < text.length && PHP_SPACE.has(text[i])) i++;
  return text.slice(i);
}

export function phpTrimEnd(text: string): string {
  let i = text.length;
  while (i > 0 && PHP_SPACE.has(text[i - 1])) i--;
  return text.slice(0, i);
}

export const GIFT_FORMAT_NAMES = ["html", "markdown", "plain", "moodle"] as const;

/** A `[html]`-style prefix at the start of an (already trimmed) text, as Moodle's parse_text_with_format reads it. */
export function readFormatPrefix(text: string): { format: TextFormat; rest: string } | null {
  const m = /^\[(html|markdown|plain|moodle)\]/.exec(text);
  if (!m) return null;
  const name = m[1];
  const format: TextFormat = name === "html" ? "html" : name === "markdown" ? "markdown" : "plain";
  return { format, rest: text.slice(m[0].length) };
}
