// Moodle GIFT import/export of question drafts: pure functions, no I/O.
//
// Conventions:
// - A fill stem marks each blank with `____` (four underscores; on export any run of four or more
//   underscores counts as a marker). Export writes the `{=a =b}` block in place of each marker; a
//   one-blank fill whose stem has no marker gets its block after the stem (GIFT's usual short answer),
//   and parseGift leaves such a stem without a marker. parseGift puts `____` wherever a block stood
//   in the middle of the text (Moodle's "missing word"), for every type.
// - single: `=` marks the correct option; `~%50%` partial credit is kept as `weight` (correct: false).
//   multiple (no `=`): `weight` from `~%n%`, `correct` = weight > 0; the positive weights must add up
//   to 100% (Moodle's round(total, 2) == 1: within 0.5 → warning, otherwise error).
// - $CATEGORY ↔ knowledgePoint (the `$course$/`-like context and `top/` are stripped on import,
//   `$course$/top/…` is written on export).
// - Not representable (error, never dropped): numerical `{#…}`, matching `{=a -> b}`, description
//   (no answer block). Difficulty, tiers, source, tags, essay reference answer/rubric: see giftLosses.

export { GIFT_BLANK, parseGift } from "./gift-parse";
export { exportGift, giftLosses } from "./gift-export";
export { escapeGift } from "./gift-escape";
