import { describe, expect, it } from "vitest";
import { exportGift, giftLosses, parseGift } from "~/modules/questions/formats/gift";
import { formatIssue, type QuestionDraft } from "~/modules/questions/model";

function only(text: string): QuestionDraft {
  const r = parseGift(text);
  expect(r.errors).toEqual([]);
  expect(r.questions).toHaveLength(1);
  return r.questions[0].question;
}

describe("parseGift: question types", () => {
  it("reads a single choice with = and ~", () => {
    expect(only("生产经营单位的主要负责人对本单位安全生产工作负什么责任？{=全面负责 ~部分负责 ~不负责}")).toEqual({
      type: "single",
      stem: "生产经营单位的主要负责人对本单位安全生产工作负什么责任？",
      stemFormat: "plain",
      options: [
        { text: "全面负责", correct: true },
        { text: "部分负责", correct: false },
        { text: "不负责", correct: false },
      ],
    });
  });

  it("reads a missing-word single choice with ____ where the block stood", () => {
    const q = only("安全生产工作坚持{~效益 =安全} 第一、预防为主、综合治理的方针。");
    expect(q).toMatchObject({ type: "single", stem: "安全生产工作坚持____ 第一、预防为主、综合治理的方针。" });
  });

  it("keeps partial credit of a single choice as a weight on a wrong option", () => {
    const q = only("Q{=a ~%50%b ~c}");
    expect(q).toMatchObject({
      type: "single",
      options: [
        { text: "a", correct: true },
        { text: "b", correct: false, weight: 50 },
        { text: "c", correct: false },
      ],
    });
  });

  it("reads a multiple-response question with weights", () => {
    const q = only(`下列属于特种作业的有：{
      ~%50%电工作业
      ~%50%焊接与热切割作业
      ~%-100%文秘工作
    }`);
    expect(q).toEqual({
      type: "multiple",
      stem: "下列属于特种作业的有：",
      stemFormat: "plain",
      options: [
        { text: "电工作业", correct: true, weight: 50 },
        { text: "焊接与热切割作业", correct: true, weight: 50 },
        { text: "文秘工作", correct: false, weight: -100 },
      ],
    });
  });

  it("accepts 33.333% × 3 with a warning and rejects weights that are way off", () => {
    const ok = parseGift("Q{~%33.333%a ~%33.333%b ~%33.333%c ~%-100%d}");
    expect(ok.errors).toEqual([]);
    expect(ok.questions[0].question.type).toBe("multiple");
    expect(ok.warnings).toHaveLength(1);
    expect(ok.warnings[0].message).toContain("99.999%");

    const bad = parseGift("Q{~%50%a ~%30%b ~c}");
    expect(bad.questions).toEqual([]);
    expect(bad.errors).toEqual([{ line: 1, message: "多选题正确选项的权重之和为 80%，应为 100%，本题未导入" }]);

    const range = parseGift("Q{~%150%a ~%-50%b}");
    expect(range.errors[0].message).toContain("150%");
  });

  it("reports a choice question with no correct answer", () => {
    const r = parseGift("\n\n没有正确答案的题{~a ~b ~c}");
    expect(r.questions).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(3);
    expect(r.errors[0].message).toContain("没有正确答案");
  });

  it("reports a choice question with only one option", () => {
    expect(parseGift("Q{~a}").errors[0].message).toContain("至少需要两个选项");
  });

  it("reads true/false in all spellings with the two feedbacks", () => {
    for (const [mark, answer] of [
      ["T", true],
      ["TRUE", true],
      ["F", false],
      ["FALSE", false],
    ] as const) {
      expect(only(`应急预案应当定期演练。{${mark}}`)).toEqual({ type: "truefalse", stem: "应急预案应当定期演练。", stemFormat: "plain", answer });
    }
    // {T#shown when wrong#shown when right}: answering 对 is right here.
    expect(only("Q{T#答错了#答对了####解析}")).toEqual({
      type: "truefalse",
      stem: "Q",
      stemFormat: "plain",
      answer: true,
      trueFeedback: "答对了",
      falseFeedback: "答错了",
      explanation: "解析",
    });
    expect(only("Q{FALSE#答错了#答对了}")).toMatchObject({ answer: false, trueFeedback: "答错了", falseFeedback: "答对了" });
  });

  it("reads lower-case true/false with a warning", () => {
    const r = parseGift("Q{true}");
    expect(r.questions[0].question).toMatchObject({ type: "truefalse", answer: true });
    expect(r.warnings[0].message).toContain("大写");
  });

  it("reads a short answer as a fill question with one blank", () => {
    expect(only("我国的安全生产监督管理部门是{=应急管理部 =应急部 =中华人民共和国应急管理部}")).toEqual({
      type: "fill",
      stem: "我国的安全生产监督管理部门是",
      stemFormat: "plain",
      blanks: [["应急管理部", "应急部", "中华人民共和国应急管理部"]],
    });
  });

  it("puts ____ at a short answer in the middle and makes one blank per block", () => {
    expect(only("火警电话是{=119}。")).toMatchObject({ type: "fill", stem: "火警电话是____。", blanks: [["119"]] });
    expect(only("火警电话是{=119}，急救电话是{=120}。{=110 ####报警}")).toEqual({
      type: "fill",
      stem: "火警电话是____，急救电话是____。____",
      stemFormat: "plain",
      blanks: [["119"], ["120"], ["110"]],
      explanation: "报警",
    });
  });

  it("warns about short-answer partial credit, wrong answers and feedback", () => {
    const r = parseGift("Q{=%100%对#好 =%50%半对 =%0%错}");
    expect(r.questions[0].question).toMatchObject({ type: "fill", blanks: [["对", "半对"]] });
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/50%[\s\S]*0%[\s\S]*反馈/);
  });

  it("refuses several blocks when one of them is not a short answer", () => {
    expect(parseGift("A{=a ~b} B{=c}").errors[0].message).toContain("多个答案块");
  });

  it("reads an essay, with and without general feedback", () => {
    expect(only("简述应急预案的主要内容。{}")).toEqual({ type: "essay", stem: "简述应急预案的主要内容。", stemFormat: "plain" });
    expect(only("简述。{\n####应包括：总则\\n组织机构}")).toEqual({
      type: "essay",
      stem: "简述。",
      stemFormat: "plain",
      explanation: "应包括：总则\n组织机构",
    });
  });
});

describe("parseGift: text details", () => {
  it("unescapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n in stem, options and feedback", () => {
    const q = only(
      "::a\\:b::C\\:\\\\temp 里 \\{x\\} \\~ \\= \\#\\n下一行{=选项\\=1 \\#2#反馈\\~\\{\\}\\: ~选项\\~3#x\\=y ####总\\#体}",
    );
    expect(q).toEqual({
      type: "single",
      title: "a:b",
      stem: "C:\\temp 里 {x} ~ = #\n下一行",
      stemFormat: "plain",
      options: [
        { text: "选项=1 #2", correct: true, feedback: "反馈~{}:" },
        { text: "选项~3", correct: false, feedback: "x=y" },
      ],
      explanation: "总#体",
    });
  });

  it("reads per-answer feedback and general feedback of a choice", () => {
    expect(only("Q{=a#对，正确 ~b#错，见第三条 ####依据《安全生产法》}")).toEqual({
      type: "single",
      stem: "Q",
      stemFormat: "plain",
      options: [
        { text: "a", correct: true, feedback: "对，正确" },
        { text: "b", correct: false, feedback: "错，见第三条" },
      ],
      explanation: "依据《安全生产法》",
    });
  });

  it("reads titles, and reports an unclosed title", () => {
    expect(only("::第1题:: 内容{T}")).toMatchObject({ title: "第1题", stem: "内容" });
    expect(only("内容::不是标题{T}")).toMatchObject({ stem: "内容::不是标题" });
    expect(parseGift("::没有结尾 内容{T}").errors[0].message).toContain("::");
  });

  it("reads [html], [markdown], [plain] and [moodle] formats", () => {
    expect(only("::t::[html]<p>题干</p>{T}")).toMatchObject({ stem: "<p>题干</p>", stemFormat: "html" });
    expect(only("[markdown]**加粗**题干{T####*解析*}")).toMatchObject({ stem: "**加粗**题干", stemFormat: "markdown", explanation: "*解析*" });
    expect(only("[plain]题干{T}")).toMatchObject({ stem: "题干", stemFormat: "plain" });
    expect(only("[moodle]题干{T}")).toMatchObject({ stem: "题干", stemFormat: "plain" });
    expect(only("[unknown]题干{T}")).toMatchObject({ stem: "[unknown]题干", stemFormat: "plain" });
    const r = parseGift("[html]Q{=[markdown]a ~b}");
    expect(r.questions[0].question).toMatchObject({ options: [{ text: "a" }, { text: "b" }] });
    expect(r.warnings[0].message).toContain("Markdown");
  });

  it("sets the knowledge point from $CATEGORY, stripping $course$/ and top/", () => {
    const r = parseGift(
      [
        "Q0{T}",
        "",
        "$CATEGORY: $course$/top/安全生产法/法律责任",
        "",
        "Q1{T}",
        "",
        "$CATEGORY: top/消防/灭火器",
        "Q2{F}",
        "",
        "$CATEGORY: 应急预案",
        "",
        "Q3{T}",
        "",
        "$CATEGORY: $course$/top",
        "",
        "Q4{T}",
      ].join("\n"),
    );
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => q.question.knowledgePoint)).toEqual([undefined, "安全生产法/法律责任", "消防/灭火器", "应急预案", undefined]);
    expect(r.questions.map((q) => q.line)).toEqual([1, 5, 8, 12, 16]);
  });

  it("skips // comment lines but not // inside text", () => {
    const r = parseGift(
      ["// 第一部分：安全生产法", "// question: 1", "::Q1::见 http://www.mem.gov.cn 说明{T}", "", "// 只有注释的块", "", "Q2", "// 中间的注释", "{F}"].join("\n"),
    );
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => [q.line, q.question.stem])).toEqual([
      [3, "见 http://www.mem.gov.cn 说明"],
      [7, "Q2"],
    ]);
  });

  it("handles CRLF line endings, a BOM and multi-line questions", () => {
    const text = "\uFEFF// 注释\r\n::t::下列说法正确的是\r\n第二行{\r\n=对的\r\n~错的\r\n}\r\n\r\n判断{T}\r\n";
    const r = parseGift(text);
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => q.line)).toEqual([2, 8]);
    expect(r.questions[0].question).toMatchObject({ title: "t", stem: "下列说法正确的是\n第二行", options: [{ text: "对的" }, { text: "错的" }] });
  });

  it("keeps Chinese full-width spaces and punctuation", () => {
    expect(only("　全角空格开头（　）{=甲　乙 ~丙}")).toMatchObject({ stem: "　全角空格开头（　）", options: [{ text: "甲　乙" }, { text: "丙" }] });
  });
});

describe("parseGift: malformed input", () => {
  const text = [
    "第一题{=对 ~错}", // 1
    "", // 2
    "::未闭合::第二题", // 3
    "{=甲 ~乙", // 4
    "", // 5
    "第三题{T}", // 6
    "", // 7
    "第四题 多余的 } 括号", // 8
    "{=a ~b}", // 9
    "", // 10
    "第五题 {=a {~b}", // 11
    "", // 12
    "第六题{F}", // 13
    "", // 14
    "{=a ~b}", // 15
    "", // 16
    "没有答案块的说明文字", // 17
  ].join("\n");

  it("reports each bad question with its start line and still reads the others", () => {
    const r = parseGift(text);
    expect(r.questions.map((q) => [q.line, q.question.stem])).toEqual([
      [1, "第一题"],
      [6, "第三题"],
      [13, "第六题"],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 8, 11, 15, 17]);
    expect(r.errors[0].message).toBe("“{” 没有对应的 “}”（位于第 4 行），答案块未闭合");
    expect(r.errors[1].message).toBe("“}” 前面没有对应的 “{”，如是普通字符请写成 \\}");
    expect(r.errors[2].message).toContain("未转义的 “{”");
    expect(r.errors[3].message).toBe("题干为空，本题未导入");
    expect(r.errors[4].message).toContain("没有答案块");
  });

  it("reports numerical and matching questions with line numbers while the neighbours parse", () => {
    const r = parseGift(
      ["前一题{T}", "", "", "", "", "", "", "", "", "", "", "Ulysses S. Grant 生于哪一年？{#1822:5}", "", "配对：", "{=中国->北京 =日本->东京}", "", "后一题{F}"].join("\n"),
    );
    expect(r.questions.map((q) => q.question.stem)).toEqual(["前一题", "后一题"]);
    expect(r.errors).toEqual([
      { line: 12, message: "不支持数值题（GIFT {#…}），本题未导入" },
      { line: 14, message: "不支持配对题（GIFT {=… -> …}），本题未导入" },
    ]);
    expect(formatIssue(r.errors[0])).toBe("第 12 行：不支持数值题（GIFT {#…}），本题未导入");
  });
});

describe("exportGift", () => {
  const tricky = "含特殊字符 ~ = # { } : \\ 以及\n换行、“中文引号”、14:30";
  const questions: QuestionDraft[] = [
    {
      type: "single",
      title: "单选::1",
      stem: `${tricky}，正确的是____？`,
      stemFormat: "plain",
      explanation: "依据 #第二十一条#：主要负责人 {职责}",
      knowledgePoint: "安全生产法/法律责任",
      options: [
        { text: "=全面负责=", correct: true, feedback: "对~" },
        { text: "~部分~", correct: false, weight: 25 },
        { text: "#不负责", correct: false, feedback: "错：{见条文}" },
      ],
    },
    {
      type: "multiple",
      stem: "下列属于特种作业的有（多选）",
      stemFormat: "html",
      knowledgePoint: "安全生产法/法律责任",
      options: [
        { text: "<b>电工</b>", correct: true, weight: 100 / 3, feedback: "是" },
        { text: "焊接=热切割", correct: true, weight: 100 / 3 },
        { text: "高处作业", correct: true, weight: 100 / 3 },
        { text: "文秘", correct: false, weight: -100, feedback: "不是" },
        { text: "保洁", correct: false },
      ],
    },
    {
      type: "truefalse",
      stem: "TRUE",
      stemFormat: "markdown",
      answer: false,
      trueFeedback: "**错**，应为 #F",
      knowledgePoint: "消防",
    },
    { type: "truefalse", stem: "应急预案每年至少演练一次。", stemFormat: "plain", answer: true, falseFeedback: "见第 33 条", explanation: "解析" },
    { type: "truefalse", stem: "只有答对反馈", stemFormat: "plain", answer: true, trueFeedback: "对" },
    {
      type: "fill",
      title: "填空",
      stem: "火警电话是____，急救电话是____。",
      stemFormat: "plain",
      blanks: [["119"], ["120", "一二零"]],
      explanation: "记住：119 {火警}",
    },
    { type: "fill", stem: "我国安全生产工作的方针是", stemFormat: "plain", blanks: [["安全第一=预防为主~综合治理", "%50% 不是权重"]] },
    { type: "fill", stem: "空在最后____", stemFormat: "plain", blanks: [["末尾"]] },
    { type: "fill", stem: "____在最前", stemFormat: "plain", blanks: [["开头"]] },
    { type: "essay", stem: "简述 {应急} 预案的主要内容：", stemFormat: "plain", explanation: "总则\n组织机构：#1", knowledgePoint: "应急预案" },
    { type: "essay", stem: "[html] 看起来像格式前缀", stemFormat: "plain" },
    { type: "essay", stem: "// 看起来像注释", stemFormat: "plain" },
    { type: "essay", stem: "$CATEGORY: 看起来像分类", stemFormat: "plain" },
    { type: "single", stem: "[markdown] 前缀的选项", stemFormat: "html", options: [{ text: "[html]a", correct: true }, { text: "b", correct: false }] },
  ];

  it("round-trips all five types with tricky characters", () => {
    const text = exportGift(questions);
    const r = parseGift(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.questions.map((q) => q.question)).toStrictEqual(questions);
  });

  it("writes categories only when the knowledge point changes, titles, formats, weights and feedback", () => {
    const text = exportGift(questions);
    expect(text.match(/^\$CATEGORY:.*$/gm)).toEqual([
      "$CATEGORY: $course$/top/安全生产法/法律责任",
      "$CATEGORY: $course$/top/消防",
      "$CATEGORY: $course$/top",
      "$CATEGORY: $course$/top/应急预案",
      "$CATEGORY: $course$/top",
    ]);
    expect(text).toContain("::单选\\:\\:1::");
    expect(text).toContain("[html]下列属于特种作业的有（多选）{");
    expect(text).toContain("\t~%33.333333333333336%<b>电工</b>#是");
    expect(text).toContain("\t~%25%\\~部分\\~");
    expect(text).toContain("{FALSE#**错**，应为 \\#F}");
    expect(text).toContain("火警电话是{=119}，急救电话是{=120 =一二零####记住：119 \\{火警\\}}。");
    expect(text).toContain("空在最后{=末尾}\\n");
  });

  it("gives unweighted multiple choices proportional weights and says so", () => {
    const q: QuestionDraft = {
      type: "multiple",
      stem: "多选",
      stemFormat: "plain",
      options: [
        { text: "a", correct: true },
        { text: "b", correct: true },
        { text: "c", correct: true },
        { text: "d", correct: false },
      ],
    };
    const text = exportGift([q]);
    expect(text).toContain("~%33.33333%a");
    expect(text).toContain("~%-100%d");
    const r = parseGift(text);
    expect(r.errors).toEqual([]);
    expect(r.questions[0].question).toMatchObject({ type: "multiple", options: [{ correct: true }, { correct: true }, { correct: true }, { correct: false }] });
    expect(giftLosses(q).join()).toContain("平分");
  });

  it("places extra fill blanks at the end when the stem has no markers", () => {
    const q: QuestionDraft = { type: "fill", stem: "两个空", stemFormat: "plain", blanks: [["a"], ["b"]] };
    expect(exportGift([q])).toContain("两个空 {=a} {=b}");
    expect(parseGift(exportGift([q])).questions[0].question).toMatchObject({ stem: "两个空 ____ ____", blanks: [["a"], ["b"]] });
    expect(giftLosses(q).join()).toContain("末尾");
  });
});

describe("giftLosses", () => {
  it("lists the fields GIFT cannot carry", () => {
    const q: QuestionDraft = {
      type: "essay",
      stem: "简述",
      stemFormat: "plain",
      difficulty: 3,
      tiers: ["chief"],
      source: "《安全生产法》第二十一条",
      tags: ["重点"],
      referenceAnswer: "参考答案",
      rubric: "评分要点",
    };
    const losses = giftLosses(q);
    expect(losses).toHaveLength(6);
    expect(losses.join("\n")).toMatch(/难度[\s\S]*层级[\s\S]*法规条款[\s\S]*标签[\s\S]*参考答案[\s\S]*评分要点/);
  });

  it("is empty for a question GIFT carries completely", () => {
    expect(giftLosses({ type: "truefalse", stem: "判断", stemFormat: "plain", answer: true, knowledgePoint: "a/b", title: "t" })).toEqual([]);
  });

  it("warns about fill answers GIFT would misread and non-standard markers", () => {
    const losses = giftLosses({ type: "fill", stem: "A______B", stemFormat: "plain", blanks: [["x->y"]] });
    expect(losses.join("\n")).toMatch(/____[\s\S]*配对题/);
  });
});
