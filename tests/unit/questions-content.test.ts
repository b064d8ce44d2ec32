import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bankFileSchema } from "~/modules/questions/bank-file";

const dir = path.resolve("content/questions");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"));

describe("starter question banks in content/questions", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    it(`${file} is a valid bank: answers in range, blanks match, knowledge points declared, keys unique`, () => {
      const result = bankFileSchema.safeParse(parse(fs.readFileSync(path.join(dir, file), "utf8")));
      if (!result.success) throw new Error(result.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
      expect(result.data.key).toBe(file.replace(/\.yaml$/, ""));
    });
  }

  it("hold every question type", () => {
    const types = new Set(files.flatMap((f) => (parse(fs.readFileSync(path.join(dir, f), "utf8")).questions as Array<{ type: string }>).map((q) => q.type)));
    expect([...types].sort()).toEqual(["essay", "fill", "multiple", "single", "truefalse"]);
  });
});
