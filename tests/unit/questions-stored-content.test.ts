import { describe, expect, it } from "vitest";
import type { Principal } from "~/modules/auth/permissions";
import { bankAccess, canEditBank } from "~/modules/questions/access";
import {
  answerSummary,
  changedParts,
  contentProblems,
  contentToDraft,
  countBlanks,
  draftToContent,
  duplicateKey,
  normalizeForMatch,
  questionContentSchema,
  searchTextOf,
  type QuestionContent,
} from "~/modules/questions/content";
import type { QuestionDraft } from "~/modules/questions/model";

const doc = (...paragraphs: string[]) => ({ type: "doc" as const, content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
const content = (value: Record<string, unknown>) => questionContentSchema.parse({ tiers: [], ...value });

describe("normalizeForMatch", () => {
  it.each([
    ["１１９", "119"],
    [" 火警 ", "火警"],
    ["ＡＢＣ", "abc"],
    ["发现火灾，应当？", "发现火灾应当"],
    ["a  b\tc\u3000d", "abcd"],
    ["《消防法》第十条", "消防法第十条"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });
});

describe("duplicateKey", () => {
  const base = content({ type: "single", stem: doc("发现火灾应当拨打？"), options: [{ text: "119", correct: true }, { text: "110", correct: false }] });

  it("ignores widths, spaces, punctuation, option order, the key, 解析 and metadata", () => {
    const variant = content({
      type: "single",
      stem: doc("发现火灾，应当拨打?"),
      options: [{ text: "１１０", correct: true }, { text: " 119", correct: false }],
      explanation: doc("不同的解析"),
      difficulty: 5,
      tiers: ["grid"],
    });
    expect(duplicateKey(variant)).toBe(duplicateKey(base));
  });

  it("tells apart other stems, other options and other types", () => {
    expect(duplicateKey(content({ ...base, stem: doc("发现险情应当拨打？") }))).not.toBe(duplicateKey(base));
    expect(duplicateKey(content({ ...base, options: [{ text: "119", correct: true }, { text: "120", correct: false }] }))).not.toBe(duplicateKey(base));
    expect(duplicateKey(content({ ...base, type: "multiple" }))).not.toBe(duplicateKey(base));
    expect(duplicateKey(content({ type: "truefalse", stem: doc("发现火灾应当拨打？"), answer: true }))).not.toBe(duplicateKey(base));
  });
});

describe("contentProblems", () => {
  it("accepts a sound question of each type", () => {
    const sound = [
      content({ type: "single", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "乙", correct: false }] }),
      content({ type: "multiple", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "乙", correct: true }] }),
      content({ type: "truefalse", stem: doc("题"), answer: false }),
      content({ type: "fill", stem: doc("拨打____或（　）"), blanks: [["119"], ["火警", "报警"]] }),
      content({ type: "essay", stem: doc("简述"), rubric: "要点" }),
    ];
    for (const c of sound) expect(contentProblems(c)).toEqual([]);
  });

  it("names each problem in Chinese", () => {
    expect(contentProblems(content({ type: "single", stem: { type: "doc", content: [{ type: "paragraph" }] }, options: [{ text: "甲", correct: true }, { text: "乙", correct: false }] }))).toEqual(["题干不能为空"]);
    expect(contentProblems(content({ type: "single", stem: doc("题"), options: [{ text: "甲", correct: false }, { text: "乙", correct: false }] }))).toEqual(["请至少标出一个正确选项"]);
    expect(contentProblems(content({ type: "single", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "乙", correct: true }] }))).toEqual(["单选题只能有一个正确选项"]);
    expect(contentProblems(content({ type: "multiple", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "甲 ", correct: false }] }))).toEqual(["有两个选项内容相同"]);
    expect(contentProblems(content({ type: "fill", stem: doc("拨打____"), blanks: [["119"], ["120"]] }))).toEqual(["题干中有 1 处填空标记（____），答案却有 2 个空"]);
  });

  it("counts blank markers as the Excel template defines them", () => {
    expect(countBlanks("a____b＿＿c（）d( )e（\u3000）f___")).toBe(5);
  });
});

describe("answerSummary and changedParts", () => {
  it("writes answers in the template's notation", () => {
    expect(answerSummary(content({ type: "multiple", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "乙", correct: false }, { text: "丙", correct: true }] }))).toBe("A,C");
    expect(answerSummary(content({ type: "truefalse", stem: doc("题"), answer: true }))).toBe("对");
    expect(answerSummary(content({ type: "fill", stem: doc("____，____"), blanks: [["119"], ["火警", "报警"]] }))).toBe("119|火警/报警");
  });

  it("lists what changed between two versions", () => {
    const before = content({ type: "single", stem: doc("题"), options: [{ text: "甲", correct: true }, { text: "乙", correct: false }], difficulty: 2, tiers: ["grid"] });
    const after = content({ ...before, options: [{ text: "甲", correct: false }, { text: "乙", correct: true }], tiers: ["grid", "staff"], explanation: doc("新解析") });
    expect(changedParts(before, after)).toEqual(["答案", "解析", "适用层级"]);
    expect(changedParts(before, before)).toEqual([]);
    expect(changedParts(before, content({ ...before, tiers: ["grid"] }))).toEqual([]);
  });

  it("search text holds stem, options, answers, 解析 and source", () => {
    const text = searchTextOf(content({ type: "fill", stem: doc("拨打____"), blanks: [["119", "幺幺九"]], explanation: doc("火警电话"), source: "《消防法》第四十四条" }));
    expect(text.split("\n")).toEqual(["拨打____", "119 幺幺九", "火警电话", "《消防法》第四十四条"]);
  });
});

describe("draft ↔ stored content", () => {
  const drafts: QuestionDraft[] = [
    { type: "single", stem: "多行\n题干", stemFormat: "plain", options: [{ text: "甲", correct: true }, { text: "乙", correct: false, feedback: "不对" }], explanation: "解析", difficulty: 3, knowledgePoint: "消防法/职责", tiers: ["grid"], source: "《消防法》", title: "t1" },
    { type: "multiple", stem: "多选", stemFormat: "plain", options: [{ text: "甲", correct: true, weight: 50 }, { text: "乙", correct: true, weight: 50 }, { text: "丙", correct: false, weight: -100 }] },
    { type: "truefalse", stem: "判断", stemFormat: "plain", answer: false, trueFeedback: "错了", falseFeedback: "对了" },
    { type: "fill", stem: "拨打____", stemFormat: "plain", blanks: [["119", "幺幺九"]], tags: ["火警"] },
    { type: "essay", stem: "简述", stemFormat: "plain", referenceAnswer: "参考", rubric: "要点" },
  ];

  it.each(drafts.map((d) => [d.type, d] as const))("plain %s survives draft → content → draft", (_type, draft) => {
    const { content: stored, losses } = draftToContent(draft);
    expect(losses).toEqual([]);
    expect(contentToDraft(stored, draft.tags ?? [])).toEqual(draft);
  });

  it("keeps formatted stems as Markdown, with option texts escaped to match", () => {
    const { content: stored } = draftToContent({ type: "single", stem: "**加粗**的题干", stemFormat: "markdown", options: [{ text: "a\\*b", correct: true }, { text: "乙", correct: false }] });
    expect(stored.stem).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "加粗", marks: [{ type: "bold" }] }, { type: "text", text: "的题干" }] }] });
    expect((stored as Extract<QuestionContent, { type: "single" }>).options[0]!.text).toBe("a*b");
    const back = contentToDraft(stored);
    expect(back.stemFormat).toBe("markdown");
    expect(draftToContent(back).content).toEqual(stored);
  });

  it("reports formatting an option cannot keep", () => {
    const { content: stored, losses } = draftToContent({ type: "single", stem: "<p>题</p>", stemFormat: "html", options: [{ text: "<b>甲</b>", correct: true }, { text: "乙", correct: false }] });
    expect((stored as Extract<QuestionContent, { type: "single" }>).options[0]!.text).toBe("甲");
    expect(losses).toContain("选项A中的格式已转为纯文本");
  });
});

describe("bankAccess", () => {
  const as = (role: "instructor" | "admin" | "trainee" | "manager", id = 1): Principal => ({ id, grants: [{ role, scopeOrgUnitId: null, scopePath: null }] });
  const members = [
    { personId: 1, role: "owner" as const },
    { personId: 2, role: "editor" as const },
  ];

  it.each([
    ["owner", "manage", as("instructor", 1)],
    ["editor", "edit", as("instructor", 2)],
    ["other instructor", "read", as("instructor", 3)],
    ["admin", "manage", as("admin", 9)],
    ["trainee", "none", as("trainee", 1)],
    ["manager", "none", as("manager", 1)],
  ] as const)("%s → %s", (_who, expected, principal) => {
    expect(bankAccess(principal, { members })).toBe(expected);
  });

  it("lets any author take on a bank without members, and only manage/edit may write", () => {
    expect(bankAccess(as("instructor", 5), { members: [] })).toBe("manage");
    expect([canEditBank("manage"), canEditBank("edit"), canEditBank("read"), canEditBank("none")]).toEqual([true, true, false, false]);
  });
});
