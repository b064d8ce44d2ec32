// Markdown inputs shared by the rich-text round-trip tests: hand-written tricky cases, the handbook
// lessons under content/, and a seeded generator of nested documents. Deterministic, so a failing
// case can be reproduced from its seed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { RichNode } from "~/modules/richtext/nodes";

/** mulberry32: small, fast and good enough to pick test cases. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** Hand-written inputs: every construct, and text full of characters Markdown reads as syntax. */
export const MARKDOWN_SAMPLES: readonly string[] = [
  "",
  "普通段落",
  "第一段\n\n第二段",
  "第一行\n第二行 line one\nline two",
  "行尾两个空格  \n换行",
  "反斜杠换行\\\n下一行",
  "a<br>b<br>",
  "<br>开头的换行",
  "# 一级\n## 二级\n### 三级\n#### 四级\n##### 五级\n###### 六级",
  "## 标题 #\n### C\\# 语言\n## \\#不是标题符号",
  "##",
  "普通 **粗** *斜* `a<b` ~~删~~ [链](https://example.com \"标题\") [站内](/courses/1)",
  "***粗斜*** [**粗链**接](/a) **粗*粗斜*粗**",
  "*斜体*中文**粗体**“引号”~~删除~~",
  "这是**重点**内容，也是*强调*内容",
  "a*b**c**d*e",
  "***a** b*",
  "*a***b**",
  "~~删~~ ~单~ 中~~删~~文",
  "_下划线强调_ __下划线粗体__ snake_case a_b_c",
  "甲\\*乙\\*丙 5 \\* 3 = 15 2*3*4",
  "\\# 不是标题\n\n\\> 不是引用\n\n\\- 不是列表\n\n\\+ 也不是\n\n1\\. 不是编号\n\n2\\) 也不是",
  "\\=\\=\\=\n\n\\-\\-\\-",
  "C++ 与 C# 与 F#，价格 $5 & 10%，温度 30°C",
  "AT&amp;T &lt;b&gt; &amp;amp; \\&amp; &copy; &#169; &#x4E2D; &unknown; `&amp;`",
  "&#123;&#x4E2D;&nbsp;空格",
  "`a|b` ``a`b`` ` `` ` 和 `` ` `` 以及 `  两个空格  `",
  "代码 `**不是粗体**` 和 `\\` 反斜杠",
  "网址 https://example.com/a 和 www.example.com 以及 a@b.com、mailto:x@y.cn",
  "http\\://x.com www\\.x.com a\\@b.com 不是链接",
  "[https://x.com](https://x.com) 文字与地址相同",
  "[带括号](/p(1)) [转义](/a\\(b\\)) [尖括号](</c>)",
  "[链接文字含 \\] 括号](/x) 与 [\\[方括号\\]](/y)",
  "[javascript](javascript:alert(1)) 不安全链接只留文字",
  "[引用式][ref] 与 [ref]\n\n[ref]: /laws/1 \"法规\"",
  "!不是图片 ![图](/uploads/a.png) 后面 ！全角",
  "![现场](/uploads/a.png \"图一\") 之后",
  "![](/uploads/a.png)",
  "![含*星号*和[方括号]的说明](/uploads/b.jpg)",
  "![外链图](https://evil.example/x.png) 只留说明",
  "看图 ![a](/uploads/a.png)![b](/uploads/b.jpg) 两张",
  "- 甲\n  - 乙\n  - 丙\n- 丁",
  "- 甲\n\n  续段\n- 乙",
  "- 甲\n\n* 乙（另一个列表）\n\n+ 丙",
  "1. 第一\n2. 第二\n\n3) 第三（另一个列表）",
  "3. 三\n4. 四",
  "0. 零\n1. 一",
  "1. 外层\n   1. 内层\n      - 更内层\n        - 最内层",
  "- \n- 空项后\n-",
  "- ## 项内标题\n- > 项内引用\n- ```js\n  code()\n  ```\n- ---\n- ***\n- ![图](/uploads/a.png)",
  "- - 嵌套开头\n- 1. 有序开头",
  "- [ ] 任务\n- [x] 完成",
  "- 第一项 **粗体**\n  第二行\n- 第二项\\\n  硬换行",
  "> 普通引用",
  "> 引用第一段\n>\n> 引用第二段\n> > 嵌套引用",
  "> a\n\n> b",
  ">",
  "> [!注意]\n> 提示内容。",
  "> [!警示]\n> 第一段\n>\n> - 条一\n> - 条二",
  "> [!WARNING]\n> 英文标记",
  "> [!note]\n> 小写",
  "> [!警示] 同一行",
  "> [!注意]",
  "> [!其他]\n> 不是提示框",
  "> \\[!注意] 转义后不是提示框",
  "- > [!注意]\n  > 列表里的提示框",
  "前\n\n---\n\n后\n\n***\n\n___",
  "```js\nif (a < b) {}\n```",
  "```\n\n```",
  "```\n```",
  "```\na\n\n```",
  "```python title=x\nprint('**')\n```",
  "````\n```\n内含围栏\n```\n````",
  "~~~\n波浪线围栏\n~~~",
  "    缩进代码\n    第二行",
  "```c++\n  缩进保留\n\ttab\n```",
  "| 项目 | 数量 |\n|---|:-:|\n| 灭火器 | **2** |\n| 空 | |",
  "| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| a | b | c | d |",
  "| 要点 |\n|---|\n| 一<br>二 |",
  "| 代码 | 竖线 |\n|---|---|\n| `a\\|b` | c\\|d |",
  "| 图 |\n|---|\n| ![i](/uploads/a.png) 说明 |",
  "| | |\n|---|---|\n| x | |",
  "<div>\n<b>x</b>\n</div>",
  "<script>alert(1)</script>",
  "段落 <b onclick=\"x\">粗</b> 和 <img src=x onerror=alert(1)>",
  "x<u>下划线标签</u>y",
  "<!-- 作者备注 -->\n\n正文 <!-- 行内备注 -->",
  "含 <!----> 空注释",
  "中文\\\\反斜杠 \\\\\\\\ 两个",
  "尾部感叹号!",
  "感叹号![不是图片]",
  "问号? 冒号: 分号; 引号\"和'",
  "全角符号：，。！？【】《》（）……——“”‘’",
  "emoji 😀 与 𠀀 扩展汉字",
  "第1.条 2.5倍 3)项",
  "100. 大编号\n101. 继续",
  "行首 | 竖线 | 不是表格",
  "a | b\n--|--\nc | d",
  "= 等号\n\n+ 加号开头",
  "<不是标签> 与 <http://autolink.example> 自动链接",
  "**“全角引号”**开头",
  "结尾**“全角引号”**",
  "中**“引”**文 中~~“删”~~文",
  "**粗**\n**体** 跨行",
  "*斜*\n*体*",
  "***",
];

/** Every Markdown body under content/handbooks (front matter removed); [] without content. */
export function handbookMarkdown(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".md")) files.push(full);
    }
  };
  try {
    walk(path.resolve("content/handbooks"));
  } catch {
    return [];
  }
  return files.sort().map((file) => readFileSync(file, "utf8").replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ""));
}

const INLINE_ATOMS = [
  "中文", "text", "**粗**", "*斜*", "~~删~~", "`代码`", "``a`b``", "[链](/a)", "[外](https://e.com \"题\")",
  "https://e.com/x", "a@b.com", "\\*", "\\_", "&amp;", "&lt;b&gt;", "<b>x</b>", "<br>", "“引号”", "**“引”**",
  "，", "。", " ", "1.", "#", "!", "|", "\\|", "<u>下</u>", "www.e.com", "![图](/uploads/a.png)",
  "![外](https://x/y.png)", "  \n", "\n", "_下_", "__粗__", "***粗斜***", "C#", "5*3", "a_b", "~", ">", "-", "+",
];

function inlineMarkdown(random: () => number): string {
  let text = "";
  const count = 1 + Math.floor(random() * 5);
  for (let i = 0; i < count; i += 1) text += pick(random, INLINE_ATOMS);
  return text.trim() || "字";
}

function indent(text: string, prefix: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => (line ? (i === 0 ? prefix : rest) + line : line))
    .join("\n");
}

function listMarkdown(random: () => number, depth: number): string {
  const marker = pick(random, ["-", "*", "+", "1.", "3)", "0."]);
  const items: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i += 1) {
    const itemMarker = /\d/.test(marker) ? `${parseInt(marker, 10) + i}${marker.slice(-1)}` : marker;
    const body = blocksMarkdown(random, depth + 1, 1 + Math.floor(random() * 2));
    items.push(indent(body, `${itemMarker} `, " ".repeat(itemMarker.length + 1)));
  }
  return items.join(random() < 0.5 ? "\n" : "\n\n");
}

function tableMarkdown(random: () => number): string {
  const columns = 1 + Math.floor(random() * 3);
  const cell = () => inlineMarkdown(random).replace(/\n/g, " ").replace(/(?<!\\)\|/g, "\\|");
  const row = () => `| ${Array.from({ length: columns }, cell).join(" | ")} |`;
  const delimiter = `| ${Array.from({ length: columns }, () => pick(random, ["---", ":--", ":-:", "--:"])).join(" | ")} |`;
  return [row(), delimiter, row(), row()].join("\n");
}

function blockMarkdown(random: () => number, depth: number): string {
  const kind = Math.floor(random() * (depth > 2 ? 5 : 11));
  const quote = (body: string) => indent(body, "> ", "> ").replace(/^$/gm, ">");
  switch (kind) {
    case 0:
    case 1:
      return inlineMarkdown(random);
    case 2:
      return `${"#".repeat(1 + Math.floor(random() * 6))} ${inlineMarkdown(random).replace(/\n/g, " ")}`;
    case 3:
      return `\`\`\`${pick(random, ["", "js", "python", "c++", "x y"])}\n${pick(random, ["a < b", "", "a\n\nb", "```x", "  indented"])}\n\`\`\``;
    case 4:
      return pick(random, ["---", "***", "___"]);
    case 5:
      return listMarkdown(random, depth);
    case 6:
      return quote(blocksMarkdown(random, depth + 1, 1 + Math.floor(random() * 2)));
    case 7: {
      const marker = pick(random, ["> [!注意]", "> [!警示]", "> [!WARNING]", "> [!note]"]);
      return `${marker}\n${quote(blocksMarkdown(random, depth + 1, 1 + Math.floor(random() * 2)))}`;
    }
    case 8:
      return tableMarkdown(random);
    case 9:
      return `![${pick(random, ["图", "a*b", "[x]", ""])}](/uploads/${pick(random, ["a.png", "b.jpg"])}${random() < 0.5 ? ' "题"' : ""})`;
    default:
      return `<div>\n${inlineMarkdown(random)}\n</div>`;
  }
}

function blocksMarkdown(random: () => number, depth: number, count: number): string {
  return Array.from({ length: count }, () => blockMarkdown(random, depth)).join("\n\n");
}

/** A random Markdown document (lists, quotes, callouts, tables, code…) for `seed`. */
export function randomMarkdown(seed: number): string {
  const random = seededRandom(seed * 7919);
  return blocksMarkdown(random, 0, 1 + Math.floor(random() * 4));
}

/** Adjacent text runs with equal marks joined: the form every serializer writes back. */
export function mergeEqualRuns(nodes: RichNode[] | undefined): RichNode[] | undefined {
  if (!nodes) return nodes;
  const merged: RichNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    const same = last?.type === "text" && node.type === "text" && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? []);
    if (same) merged[merged.length - 1] = { ...last, text: last.text! + node.text! };
    else merged.push(node.content ? { ...node, content: mergeEqualRuns(node.content) } : node);
  }
  return merged;
}
