import { describe, expect, it } from "vitest";
import { duplicateKey, MAX_OPTIONS, questionContentSchema, type QuestionContent } from "~/modules/questions/content";
import {
  allowedTierCodes,
  contentToFormValues,
  docPlainText,
  emptyQuestionFormValues,
  formatBlankLines,
  formDocs,
  formValuesToFormData,
  normalizePointPath,
  optionErrorKey,
  parseBlankLines,
  parseQuestionForm,
  readQuestionForm,
  splitTags,
  stemBlankCount,
  type QuestionFormContext,
  type QuestionFormValues,
} from "~/modules/questions/question-form-schema";

const TIERS = ["chief", "staff", "grid", "cadre"];
const NEW: QuestionFormContext = { mode: "new", tierCodes: TIERS };
const EDIT: QuestionFormContext = { mode: "edit", tierCodes: TIERS };

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const docOf = (...texts: string[]) => ({ type: "doc" as const, content: texts.map(paragraph) });
const doc = (...texts: string[]) => JSON.stringify(docOf(...texts));

const eight = (filled: string[]) => [...filled, ...Array<string>(MAX_OPTIONS - filled.length).fill("")];

function values(overrides: Partial<QuestionFormValues> = {}): QuestionFormValues {
  return { ...emptyQuestionFormValues("single"), stem: doc("发现燃气泄漏时，首先应当怎么做？"), ...overrides };
}

function single(options: string[], correct: string, overrides: Partial<QuestionFormValues> = {}) {
  return values({ type: "single", options: eight(options), singleCorrect: correct, ...overrides });
}

function multiple(options: string[], correct: number[], overrides: Partial<QuestionFormValues> = {}) {
  return values({ type: "multiple", options: eight(options), correct: Array.from({ length: MAX_OPTIONS }, (_, i) => correct.includes(i)), ...overrides });
}

function ok(input: QuestionFormValues, ctx = NEW) {
  const result = parseQuestionForm(input, ctx);
  if (!result.ok) throw new Error(`expected a valid form, got ${JSON.stringify(result.errors)}`);
  return result.question;
}

function errorsOf(input: QuestionFormValues, ctx = NEW) {
  const result = parseQuestionForm(input, ctx);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

const GAS = ["关闭气源阀门，开窗通风", "立即打开排风扇", "在室内拨打电话报警", "点火检查漏点"];

describe("parseQuestionForm: 单选", () => {
  it("turns the rows and the radio into options with one key", () => {
    const question = ok(single(GAS, "0", { status: "published" }));
    expect(question.status).toBe("published");
    expect(question.content).toEqual({
      type: "single",
      stem: docOf("发现燃气泄漏时，首先应当怎么做？"),
      tiers: [],
      options: GAS.map((text, i) => ({ text, correct: i === 0 })),
    });
    expect(question.tags).toEqual([]);
    expect(question.note).toBe("");
  });

  it("ignores empty trailing rows and trims texts", () => {
    const question = ok(single(["  甲  ", "乙", "丙"], "2"));
    expect(question.content).toMatchObject({ options: [{ text: "甲", correct: false }, { text: "乙", correct: false }, { text: "丙", correct: true }] });
    expect("options" in question.content && question.content.options).toHaveLength(3);
  });

  it("uses all eight rows", () => {
    const texts = ["一", "二", "三", "四", "五", "六", "七", "八"];
    const question = ok(single(texts, "7"));
    expect("options" in question.content && question.content.options.map((o) => o.correct)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it("reports a gap at the empty row", () => {
    const errors = errorsOf(single(["甲", "", "丙", "", "戊"], "0"));
    expect(errors[optionErrorKey(1)]).toBe("选项B为空，但其后的选项E已填写；请填写，或把后面的选项上移");
    expect(errors[optionErrorKey(3)]).toBe("选项D为空，但其后的选项E已填写；请填写，或把后面的选项上移");
    expect(errors[optionErrorKey(0)]).toBeUndefined();
    expect(errors[optionErrorKey(2)]).toBeUndefined();
  });

  it("needs two options", () => {
    expect(errorsOf(single(["甲"], "0")).options).toBe("请至少填写 2 个选项（从选项A起填写）");
    expect(errorsOf(single([], "")).options).toBe("请至少填写 2 个选项（从选项A起填写）");
  });

  it("needs a chosen key on a filled row", () => {
    expect(errorsOf(single(GAS, "")).answer).toBe("请选择正确答案（点选正确选项前的圆圈）");
    expect(errorsOf(single(["甲", "乙"], "3")).answer).toBe("正确答案选项D没有内容，请重新选择");
    expect(errorsOf(single(["甲", "乙"], "x")).answer).toBe("正确答案无效，请重新选择");
    expect(errorsOf(single(["甲", "乙"], "12")).answer).toBe("正确答案无效，请重新选择");
  });

  it("ignores the 多选 checkboxes", () => {
    const question = ok(single(GAS, "1", { correct: [true, false, true, false, false, false, false, false] }));
    expect("options" in question.content && question.content.options.map((o) => o.correct)).toEqual([false, true, false, false]);
  });

  it("reports options that are the same once spaces, punctuation and width are ignored", () => {
    const errors = errorsOf(single(["关闭阀门。", "开窗通风", "关闭 阀门"], "0"));
    expect(errors[optionErrorKey(2)]).toBe("选项C与选项A内容相同");
    expect(errorsOf(single(["ABC", "ａｂｃ"], "0"))[optionErrorKey(1)]).toBe("选项B与选项A内容相同");
  });

  it("limits an option to 2000 characters", () => {
    expect(errorsOf(single(["甲", "乙".repeat(2001)], "0"))[optionErrorKey(1)]).toBe("选项B最多 2000 字");
    expect(ok(single(["甲", "乙".repeat(2000)], "0")).content.type).toBe("single");
  });
});

describe("parseQuestionForm: 多选", () => {
  it("takes every checked row", () => {
    const question = ok(multiple(["甲", "乙", "丙", "丁"], [0, 2, 3]));
    expect(question.content).toMatchObject({ type: "multiple", options: [{ correct: true }, { correct: false }, { correct: true }, { correct: true }] });
  });

  it("accepts a single key (the Excel import only warns about it)", () => {
    expect(ok(multiple(["甲", "乙"], [1])).content.type).toBe("multiple");
  });

  it("needs at least one checked row, and no checked empty row", () => {
    expect(errorsOf(multiple(["甲", "乙"], [])).answer).toBe("请至少勾选一个正确选项");
    expect(errorsOf(multiple(["甲", "乙"], [0, 5])).answer).toBe("选项F被勾选为正确，但没有内容");
  });

  it("ignores the 单选 radio", () => {
    const question = ok(multiple(["甲", "乙", "丙"], [1, 2], { singleCorrect: "0" }));
    expect("options" in question.content && question.content.options.map((o) => o.correct)).toEqual([false, true, true]);
  });
});

describe("parseQuestionForm: 判断", () => {
  it.each([
    ["true", true],
    ["false", false],
  ])("answer %s", (answer, expected) => {
    const question = ok(values({ type: "truefalse", answer }));
    expect(question.content).toEqual({ type: "truefalse", stem: docOf("发现燃气泄漏时，首先应当怎么做？"), tiers: [], answer: expected });
  });

  it("needs an answer", () => {
    expect(errorsOf(values({ type: "truefalse", answer: "" })).answer).toBe("请选择本题的说法是“正确”还是“错误”");
    expect(errorsOf(values({ type: "truefalse", answer: "yes" })).answer).toBe("请选择本题的说法是“正确”还是“错误”");
  });

  it("does not read the other sections (shown without JavaScript)", () => {
    const question = ok(values({ type: "truefalse", answer: "true", options: eight(["甲", "", "丙"]), singleCorrect: "5", blanks: "x", referenceAnswer: "y" }));
    expect(question.content).not.toHaveProperty("options");
    expect(question.content).not.toHaveProperty("blanks");
    expect(question.content).not.toHaveProperty("referenceAnswer");
  });

  it("keeps the feedback an import brought", () => {
    expect(ok(values({ type: "truefalse", answer: "false", trueFeedback: " 不对 ", falseFeedback: "对了" })).content).toMatchObject({ trueFeedback: "不对", falseFeedback: "对了" });
  });
});

describe("parseQuestionForm: 填空", () => {
  const stem = doc("火警电话是 ____，发现火情应当立即（　）。");

  it("maps one line per blank, in the order of the markers, with / between alternatives", () => {
    const question = ok(values({ type: "fill", stem, blanks: "119\n报警/拨打119 ／ 呼救\n" }));
    expect(question.content).toMatchObject({ type: "fill", blanks: [["119"], ["报警", "拨打119", "呼救"]] });
  });

  it("skips blank lines and takes Windows line ends", () => {
    expect(ok(values({ type: "fill", stem, blanks: "\r\n119\r\n\r\n报警\r\n" })).content).toMatchObject({ blanks: [["119"], ["报警"]] });
  });

  it("keeps an escaped slash inside an answer", () => {
    expect(ok(values({ type: "fill", stem, blanks: "119\n10 km\\/h/十公里每小时" })).content).toMatchObject({ blanks: [["119"], ["10 km/h", "十公里每小时"]] });
  });

  it("reports a count that differs from the markers in the stem", () => {
    expect(errorsOf(values({ type: "fill", stem, blanks: "119" })).blanks).toBe("题干中有 2 处填空标记（____），答案却有 1 个空");
    expect(errorsOf(values({ type: "fill", stem, blanks: "1\n2\n3" })).blanks).toBe("题干中有 2 处填空标记（____），答案却有 3 个空");
  });

  it("reports a stem without any marker on the stem", () => {
    const errors = errorsOf(values({ type: "fill", stem: doc("火警电话是多少？"), blanks: "119" }));
    expect(errors.stem).toBe("填空题的题干中没有填空标记：请用 ____（4 个以上下划线）或（　）标出每个空");
    expect(errors.blanks).toBeUndefined();
  });

  it("needs answers, without empty alternatives", () => {
    expect(errorsOf(values({ type: "fill", stem, blanks: " \n " })).blanks).toBe("请填写每个空的答案（每行一个空）");
    expect(errorsOf(values({ type: "fill", stem, blanks: "119\n报警//呼救" })).blanks).toBe("第 2 行（第 2 个空）有空白的备选答案，备选答案之间用一个“/”分隔");
    expect(errorsOf(values({ type: "fill", stem, blanks: "/119\n报警" })).blanks).toBe("第 1 行（第 1 个空）有空白的备选答案，备选答案之间用一个“/”分隔");
  });

  it("limits blanks, alternatives and answer length", () => {
    const many = doc(Array.from({ length: 21 }, () => "____").join(" "));
    expect(errorsOf(values({ type: "fill", stem: many, blanks: Array.from({ length: 21 }, (_, i) => String(i)).join("\n") })).blanks).toBe("填空题最多 20 个空");
    expect(errorsOf(values({ type: "fill", stem: doc("____"), blanks: Array.from({ length: 21 }, (_, i) => String(i)).join("/") })).blanks).toBe("第 1 个空的备选答案最多 20 个");
    expect(errorsOf(values({ type: "fill", stem: doc("____"), blanks: "长".repeat(201) })).blanks).toBe("第 1 个空的答案过长（每个答案最多 200 字）");
  });
});

describe("parseQuestionForm: 简答", () => {
  it("takes an optional reference answer and rubric, trimmed", () => {
    expect(ok(values({ type: "essay", referenceAnswer: "  先断电，再灭火。\r\n报警。 ", rubric: "断电 2 分\n报警 1 分" })).content).toEqual({
      type: "essay",
      stem: docOf("发现燃气泄漏时，首先应当怎么做？"),
      tiers: [],
      referenceAnswer: "先断电，再灭火。\n报警。",
      rubric: "断电 2 分\n报警 1 分",
    });
    expect(ok(values({ type: "essay" })).content).toEqual({ type: "essay", stem: docOf("发现燃气泄漏时，首先应当怎么做？"), tiers: [] });
  });

  it("limits both to 10000 characters", () => {
    const errors = errorsOf(values({ type: "essay", referenceAnswer: "答".repeat(10_001), rubric: "分".repeat(10_001) }));
    expect(errors).toMatchObject({ referenceAnswer: "参考答案最多 10000 字", rubric: "评分要点最多 10000 字" });
  });
});

describe("parseQuestionForm: common fields", () => {
  it("needs a known type", () => {
    expect(errorsOf(values({ type: "" }))).toEqual({ type: "请选择题型" });
    expect(errorsOf(values({ type: "matching" })).type).toBe("请选择题型");
  });

  it("needs a stem with text or an image", () => {
    expect(errorsOf(single(GAS, "0", { stem: "" })).stem).toBe("请填写题干");
    expect(errorsOf(single(GAS, "0", { stem: JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] }) })).stem).toBe("请填写题干");
    expect(errorsOf(single(GAS, "0", { stem: "{not json" })).stem).toBe("题干格式无效，请刷新页面后重试");
    expect(errorsOf(single(GAS, "0", { stem: JSON.stringify({ type: "doc", content: [{ type: "video" }] }) })).stem).toMatch(/题干/);
    const image = JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "/uploads/abc123", alt: "现场照片" } }] });
    expect(ok(single(GAS, "0", { stem: image })).content.stem).toEqual({ type: "doc", content: [{ type: "image", attrs: { src: "/uploads/abc123", alt: "现场照片" } }] });
  });

  it("reads an optional 解析, dropping an empty document", () => {
    expect(ok(single(GAS, "0", { explanation: doc("先切断气源。") })).content.explanation).toEqual(docOf("先切断气源。"));
    expect(ok(single(GAS, "0", { explanation: "" })).content).not.toHaveProperty("explanation");
    expect(ok(single(GAS, "0", { explanation: JSON.stringify({ type: "doc", content: [] }) })).content).not.toHaveProperty("explanation");
    expect(errorsOf(single(GAS, "0", { explanation: "[1," })).explanation).toBe("解析格式无效，请刷新页面后重试");
  });

  it.each([
    ["", undefined],
    ["1", 1],
    ["5", 5],
    [" 3 ", 3],
  ])("difficulty %j", (difficulty, expected) => {
    expect(ok(single(GAS, "0", { difficulty })).content.difficulty).toBe(expected);
  });

  it.each(["0", "6", "7", "2.5", "难", "-1"])("refuses difficulty %j", (difficulty) => {
    expect(errorsOf(single(GAS, "0", { difficulty })).difficulty).toBe("难度应为 1–5（1 最易），或不设");
  });

  it("takes a knowledge point from the list, or a new path typed in (which wins)", () => {
    expect(ok(single(GAS, "0", { knowledgePoint: "燃气安全/餐饮场所" })).content.knowledgePoint).toBe("燃气安全/餐饮场所");
    expect(ok(single(GAS, "0", { knowledgePoint: "燃气安全", newKnowledgePoint: " 安全生产法 ／ 法律责任 /" })).content.knowledgePoint).toBe("安全生产法/法律责任");
    expect(ok(single(GAS, "0", { knowledgePoint: "" })).content).not.toHaveProperty("knowledgePoint");
  });

  it("refuses a knowledge point that is too deep, too long or only slashes", () => {
    expect(errorsOf(single(GAS, "0", { newKnowledgePoint: "一/二/三/四/五" })).knowledgePoint).toBe("知识点最多 4 级");
    expect(ok(single(GAS, "0", { newKnowledgePoint: "一/二/三/四" })).content.knowledgePoint).toBe("一/二/三/四");
    expect(errorsOf(single(GAS, "0", { newKnowledgePoint: `法/${"长".repeat(101)}` })).knowledgePoint).toBe("知识点每级名称不能超过 100 字");
    expect(errorsOf(single(GAS, "0", { newKnowledgePoint: " / ／ " })).knowledgePoint).toBe("新知识点不能只有“/”，请填写名称，如：安全生产法/法律责任");
  });

  it("takes known tiers once each, and refuses unknown ones", () => {
    expect(ok(single(GAS, "0", { tiers: ["grid", "chief", "grid", " "] })).content.tiers).toEqual(["grid", "chief"]);
    expect(errorsOf(single(GAS, "0", { tiers: ["grid", "boss"] })).tiers).toBe("适用层级「boss」不存在，请刷新页面后重新选择");
  });

  it("takes an optional source of up to 500 characters", () => {
    expect(ok(single(GAS, "0", { source: " 《城镇燃气管理条例》第二十八条 " })).content.source).toBe("《城镇燃气管理条例》第二十八条");
    expect(ok(single(GAS, "0", { source: "  " })).content).not.toHaveProperty("source");
    expect(errorsOf(single(GAS, "0", { source: "条".repeat(501) })).source).toBe("法规条款最多 500 字");
  });

  it("splits tags on commas, 、, semicolons and lines", () => {
    expect(ok(single(GAS, "0", { tags: "重点, 2026年度，燃气、重点;夏季；\n汛期 " })).tags).toEqual(["重点", "2026年度", "燃气", "夏季", "汛期"]);
    expect(ok(single(GAS, "0", { tags: " ，、 " })).tags).toEqual([]);
  });

  it("refuses a tag over 50 characters and more than 20 tags", () => {
    expect(errorsOf(single(GAS, "0", { tags: `好,${"长".repeat(51)}` })).tags).toBe(`标签「${"长".repeat(20)}…」超过 50 字`);
    expect(ok(single(GAS, "0", { tags: "长".repeat(50) })).tags).toEqual(["长".repeat(50)]);
    expect(errorsOf(single(GAS, "0", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(",") })).tags).toBe("标签最多 20 个");
  });

  it("new questions need a status; edits ignore it and read the note instead", () => {
    expect(errorsOf(single(GAS, "0", { status: "" })).status).toBe("请选择保存为草稿还是直接发布");
    expect(errorsOf(single(GAS, "0", { status: "retired" })).status).toBe("请选择保存为草稿还是直接发布");
    expect(ok(single(GAS, "0", { status: "draft", note: "不读" })).note).toBe("");
    expect(ok(single(GAS, "0", { status: "", note: " 按新条款修改 " }), EDIT).note).toBe("按新条款修改");
    expect(errorsOf(single(GAS, "0", { note: "说".repeat(201) }), EDIT).note).toBe("修改说明最多 200 字");
  });

  it("keeps a GIFT title and the options' feedback and weights", () => {
    const question = ok(
      multiple(["甲", "乙", "丙"], [0, 1], {
        title: " Q1 ",
        weights: eight(["50", "50", "-100"]),
        feedbacks: eight(["对", "", "错"]),
      }),
    );
    expect(question.content).toMatchObject({
      title: "Q1",
      options: [
        { text: "甲", correct: true, weight: 50, feedback: "对" },
        { text: "乙", correct: true, weight: 50 },
        { text: "丙", correct: false, weight: -100, feedback: "错" },
      ],
    });
    expect(errorsOf(multiple(["甲", "乙"], [0], { weights: eight(["abc"]) }))[optionErrorKey(0)]).toBe("选项A的分值比例无效");
    expect(errorsOf(multiple(["甲", "乙"], [0], { weights: eight(["", "101"]) }))[optionErrorKey(1)]).toBe("选项B的分值比例无效");
    expect(errorsOf(single(GAS, "0", { title: "题".repeat(201) })).title).toBe("标题最多 200 字");
  });

  it("reports every problem at once, each next to its field", () => {
    const errors = errorsOf(
      values({ type: "single", stem: "", options: eight(["甲", "", "丙"]), singleCorrect: "", difficulty: "7", tiers: ["x"], tags: "长".repeat(60), status: "" }),
    );
    expect(Object.keys(errors).sort()).toEqual(["answer", "difficulty", optionErrorKey(1), "status", "stem", "tags", "tiers"].sort());
  });

  it("gives every message in Chinese", () => {
    const bad: QuestionFormValues[] = [
      values({ type: "x" }),
      values({ stem: "null" }),
      values({ stem: JSON.stringify({ type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "大" }] }] }) }),
      single(["", "", ""], "0"),
      multiple(["甲", "甲"], []),
      values({ type: "fill", blanks: "" }),
      values({ type: "truefalse" }),
      values({ type: "essay", referenceAnswer: "x".repeat(20_000) }),
      single(GAS, "0", { explanation: JSON.stringify({ type: "doc", content: [{ type: "image", attrs: { src: "http://evil.example/a.png" } }] }) }),
    ];
    for (const input of bad) {
      for (const message of Object.values(errorsOf(input))) expect(message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("readQuestionForm", () => {
  it("reads the posted fields as typed", () => {
    const form = new FormData();
    form.set("type", "multiple");
    form.set("stem", doc("题"));
    form.set("option0", " 甲 ");
    form.set("option1", "乙");
    form.set("correct1", "on");
    form.set("correct", "0");
    form.set("weight1", "100");
    form.set("feedback0", "不对");
    form.append("tiers", "grid");
    form.append("tiers", "chief");
    form.set("knowledgePoint", "闭环整改");
    form.set("difficulty", "2");
    form.set("status", "published");
    const read = readQuestionForm(form);
    expect(read).toMatchObject({
      type: "multiple",
      options: [" 甲 ", "乙", "", "", "", "", "", ""],
      correct: [false, true, false, false, false, false, false, false],
      singleCorrect: "0",
      weights: ["", "100", "", "", "", "", "", ""],
      feedbacks: ["不对", "", "", "", "", "", "", ""],
      tiers: ["grid", "chief"],
      knowledgePoint: "闭环整改",
      difficulty: "2",
      status: "published",
      answer: "",
      blanks: "",
      note: "",
    });
  });

  it("without JavaScript, takes the stand-in textarea when its text differs from the document", () => {
    const bold = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "加粗", marks: [{ type: "bold" }] }, { type: "text", text: "的题干" }] }] });
    const post = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return readQuestionForm(form);
    };
    // With JavaScript no stand-in is posted: the editor's JSON is the stem.
    expect(post({ stem: bold }).stem).toBe(bold);
    // Unchanged text keeps the formatted document.
    expect(post({ stem: bold, stemText: " 加粗的题干\r\n" }).stem).toBe(bold);
    // Changed text replaces it: paragraphs on blank lines, line breaks on single ones.
    expect(JSON.parse(post({ stem: bold, stemText: "第一段\n续行\n\n第二段" }).stem)).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "第一段" }, { type: "hardBreak" }, { type: "text", text: "续行" }] },
        { type: "paragraph", content: [{ type: "text", text: "第二段" }] },
      ],
    });
    // A new question: the fallback posts an empty document and the typed text.
    expect(JSON.parse(post({ stem: JSON.stringify({ type: "doc", content: [{ type: "paragraph" }] }), stemText: "新题干" }).stem)).toEqual(docOf("新题干"));
    // Clearing the text clears the field.
    expect(post({ stem: bold, stemText: "  " }).stem).toBe("");
    expect(post({ explanation: doc("旧解析"), explanationText: "" }).explanation).toBe("");
    expect(post({ explanation: doc("旧解析"), explanationText: "旧解析" }).explanation).toBe(doc("旧解析"));
    expect(docPlainText(bold)).toBe("加粗的题干");
    expect(docPlainText("")).toBe("");
    expect(docPlainText("{bad")).toBe("");
  });

  it("treats missing fields and files as empty", () => {
    const form = new FormData();
    form.set("stem", new Blob(["x"]), "a.txt");
    const read = readQuestionForm(form);
    expect(read).toEqual({ ...emptyQuestionFormValues("single"), type: "", status: "" });
  });
});

describe("contentToFormValues: the edit form shows the stored question and saves it back unchanged", () => {
  const base = { stem: docOf("题干", "第二段"), tiers: ["grid", "staff"], difficulty: 3, knowledgePoint: "燃气安全/餐饮场所", source: "《安全生产法》第四十一条", explanation: docOf("解析") };
  const cases: QuestionContent[] = [
    { ...base, type: "single", options: [{ text: "甲", correct: false }, { text: "乙", correct: true }] },
    { ...base, type: "multiple", title: "GIFT 标题", options: [{ text: "甲", correct: true, weight: 50, feedback: "好" }, { text: "乙", correct: true, weight: 50 }, { text: "丙", correct: false, weight: -100 }] },
    { ...base, type: "multiple", options: ["一", "二", "三", "四", "五", "六", "七", "八"].map((text, i) => ({ text, correct: i % 2 === 0 })) },
    { ...base, type: "truefalse", answer: false, trueFeedback: "不对" },
    { stem: docOf("限速 ____，报警电话 ____"), tiers: [], type: "fill", blanks: [["10 km/h", "10公里/小时"], ["119"]] },
    { stem: docOf("简述"), tiers: [], type: "essay", referenceAnswer: "先断电\n再灭火", rubric: "断电 1 分" },
    { stem: docOf("简述"), tiers: [], type: "essay" },
  ];

  it.each(cases.map((c) => [c.type, c] as const))("%s", (_type, content) => {
    const stored = questionContentSchema.parse(content);
    const shown = contentToFormValues(stored, ["重点", "2026"]);
    expect(shown.tags).toBe("重点、2026");
    const posted = readQuestionForm(formValuesToFormData({ ...shown, note: "无" }));
    const result = parseQuestionForm(posted, { mode: "edit", tierCodes: TIERS });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.question.content).toEqual(stored);
    expect(result.question.tags).toEqual(["重点", "2026"]);
    expect(duplicateKey(result.question.content)).toBe(duplicateKey(stored));
  });

  it("fills the 单选 radio, and for a 多选 with one key too (switching the type keeps the answer)", () => {
    expect(contentToFormValues(questionContentSchema.parse({ ...base, type: "single", options: [{ text: "甲", correct: false }, { text: "乙", correct: true }] })).singleCorrect).toBe("1");
    expect(contentToFormValues(questionContentSchema.parse({ ...base, type: "multiple", options: [{ text: "甲", correct: true }, { text: "乙", correct: false }] })).singleCorrect).toBe("0");
    expect(contentToFormValues(questionContentSchema.parse({ ...base, type: "multiple", options: [{ text: "甲", correct: true }, { text: "乙", correct: true }] })).singleCorrect).toBe("");
  });

  it("switching a 多选 with one key to 单选 in the form keeps the key", () => {
    const shown = contentToFormValues(questionContentSchema.parse({ ...base, type: "multiple", options: [{ text: "甲", correct: false }, { text: "乙", correct: true }] }));
    const question = ok({ ...shown, type: "single" }, EDIT);
    expect(question.content).toMatchObject({ type: "single", options: [{ correct: false }, { correct: true }] });
  });

  it("leaves the status and the new point empty", () => {
    const shown = contentToFormValues(questionContentSchema.parse(cases[0]));
    expect(shown.status).toBe("");
    expect(shown.newKnowledgePoint).toBe("");
    expect(shown.knowledgePoint).toBe("燃气安全/餐饮场所");
    expect(shown.difficulty).toBe("3");
    expect(shown.tiers).toEqual(["grid", "staff"]);
  });
});

describe("helpers", () => {
  it("parseBlankLines / formatBlankLines round-trip, slashes escaped", () => {
    const blanks = [["119"], ["a/b", "c"], ["全角／斜杠"]];
    const text = formatBlankLines(blanks);
    expect(text).toBe("119\na\\/b/c\n全角\\／斜杠");
    expect(parseBlankLines(text)).toEqual(blanks);
    expect(parseBlankLines("")).toEqual([]);
    expect(parseBlankLines(" 甲 / 乙 \n\n丙")).toEqual([["甲", "乙"], ["丙"]]);
  });

  it("splitTags", () => {
    expect(splitTags("a,b，c、d;e；f\ng\r\nh, a ")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    expect(splitTags("")).toEqual([]);
  });

  it("normalizePointPath", () => {
    expect(normalizePointPath(" 安全生产法 / 法律责任 ")).toBe("安全生产法/法律责任");
    expect(normalizePointPath("a／b//c/")).toBe("a/b/c");
    expect(normalizePointPath(" / ")).toBe("");
  });

  it("stemBlankCount counts ____ and empty brackets", () => {
    expect(stemBlankCount(docOf("火警 ____，匪警（ ），急救 (　) 和 ＿＿"))).toBe(4);
    expect(stemBlankCount(docOf("没有空", "___ 三条不算"))).toBe(0);
    expect(stemBlankCount(null)).toBe(0);
  });

  it("formDocs reads the rich-text fields leniently", () => {
    expect(formDocs({ stem: doc("题"), explanation: "" })).toEqual({ stem: docOf("题"), explanation: null });
    expect(formDocs({ stem: "{broken", explanation: doc("解") })).toEqual({ stem: null, explanation: docOf("解") });
  });

  it("allowedTierCodes: the active tiers plus those the question already has", () => {
    const tiers = [
      { code: "chief", active: true },
      { code: "old", active: false },
      { code: "grid", active: true },
    ];
    expect(allowedTierCodes(tiers)).toEqual(["chief", "grid"]);
    expect(allowedTierCodes(tiers, ["old", "grid"])).toEqual(["chief", "grid", "old"]);
  });
});
