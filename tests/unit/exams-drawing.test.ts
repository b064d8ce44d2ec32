import { describe, expect, it } from "vitest";
import { allocate, conflicts } from "~/modules/exams/allocation";
import { describeRule, drawPrepared, drawQuestions, optionOrder, orderQuestions, poolCounts, preparePool, ruleMatches, type Candidate, type DrawnItem, type DrawRule } from "~/modules/exams/drawing";
import { createRng, hashSeed, permutation, randomInt, shuffle } from "~/modules/exams/random";
import type { QuestionContent } from "~/modules/questions/content";

const stem = { type: "doc" as const, content: [{ type: "paragraph" }] };

let nextId = 1;
function candidate(over: Partial<Candidate> = {}): Candidate {
  const id = nextId++;
  return { questionId: id, versionId: id * 10, bankId: 1, type: "single", difficulty: 3, pointId: null, tags: [], ...over };
}
const many = (n: number, over: Partial<Candidate> = {}) => Array.from({ length: n }, () => candidate(over));
const rule = (over: Partial<DrawRule> = {}): DrawRule => ({ bankIds: [1], type: "single", count: 1, scoreX100: 100, ...over });

function drawn(rules: DrawRule[], pool: Candidate[], seed: string): DrawnItem[] {
  const result = drawQuestions(rules, pool, seed);
  if (!result.ok) throw new Error(result.shortages.map((s) => s.message).join("; "));
  return result.items;
}
const byId = (pool: Candidate[]) => new Map(pool.map((c) => [c.questionId, c]));

// Changing these changes every future draw (past attempts are frozen in the database anyway).
const PINNED_HASH = [2382301353, 786189866, 2877667604, 157363610];
const PINNED_OUTPUTS = [615459473, 2607823512, 1565064819];

describe("random", () => {
  it("the same seed gives the same sequence, different seeds differ", () => {
    const a = createRng("exam-1:attempt-7");
    const b = createRng("exam-1:attempt-7");
    const c = createRng("exam-1:attempt-8");
    const seqA = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(seqA);
    expect(Array.from({ length: 20 }, c)).not.toEqual(seqA);
  });

  it("is pinned, so an accidental change of algorithm shows up", () => {
    expect(hashSeed("应急")).toEqual(PINNED_HASH);
    expect(Array.from({ length: 3 }, createRng("应急")).map((x) => Math.floor(x * 2 ** 32))).toEqual(PINNED_OUTPUTS);
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const rng = createRng("uniform");
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("randomInt stays in range and refuses a bad bound", () => {
    const rng = createRng("int");
    for (let i = 0; i < 1000; i++) {
      const v = randomInt(7, rng);
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
    }
    expect(() => randomInt(0, rng)).toThrow(RangeError);
    expect(() => randomInt(2.5, rng)).toThrow(RangeError);
  });

  it("shuffle is pure and keeps every element", () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = shuffle(input, createRng("s"));
    expect(out).not.toBe(input);
    expect([...out].sort()).toEqual([...input]);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle([], createRng("s"))).toEqual([]);
    expect(shuffle([9], createRng("s"))).toEqual([9]);
  });

  it("permutation covers 0…n-1 and every order of 3 appears about equally often", () => {
    const seen = new Map<string, number>();
    for (let s = 0; s < 6000; s++) {
      const p = permutation(3, createRng(`p${s}`));
      expect([...p].sort()).toEqual([0, 1, 2]);
      seen.set(p.join(""), (seen.get(p.join("")) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
    expect(permutation(0, createRng("x"))).toEqual([]);
  });
});

describe("ruleMatches and describeRule", () => {
  const c = candidate({ bankId: 2, type: "multiple", difficulty: 4, pointId: 7, tags: ["危化品", "执法"] });

  it("filters by bank, type, difficulty, knowledge point and tag", () => {
    const base = rule({ bankIds: [1, 2], type: "multiple" });
    expect(ruleMatches(base, c)).toBe(true);
    expect(ruleMatches({ ...base, bankIds: [1] }, c)).toBe(false);
    expect(ruleMatches({ ...base, bankIds: [] }, c)).toBe(false);
    expect(ruleMatches({ ...base, type: "single" }, c)).toBe(false);
    expect(ruleMatches({ ...base, difficulty: 4 }, c)).toBe(true);
    expect(ruleMatches({ ...base, difficulty: 3 }, c)).toBe(false);
    expect(ruleMatches({ ...base, pointIds: [5, 7] }, c)).toBe(true);
    expect(ruleMatches({ ...base, pointIds: [5] }, c)).toBe(false);
    expect(ruleMatches({ ...base, pointIds: [] }, c)).toBe(true);
    expect(ruleMatches({ ...base, tag: "执法" }, c)).toBe(true);
    expect(ruleMatches({ ...base, tag: " 执法 " }, c)).toBe(true);
    expect(ruleMatches({ ...base, tag: "防汛" }, c)).toBe(false);
    expect(ruleMatches({ ...base, tag: "" }, c)).toBe(true);
  });

  it("a question without difficulty or knowledge point fails rules that ask for one", () => {
    const bare = candidate({ difficulty: null, pointId: null });
    expect(ruleMatches(rule(), bare)).toBe(true);
    expect(ruleMatches(rule({ difficulty: 3 }), bare)).toBe(false);
    expect(ruleMatches(rule({ pointIds: [1] }), bare)).toBe(false);
  });

  it("describes a rule in Chinese", () => {
    expect(describeRule(rule({ difficulty: 3 }))).toBe("单选 · 难度 3");
    expect(describeRule(rule({ type: "fill", tag: "危化品", pointIds: [1, 2] }))).toBe("填空 · 标签「危化品」 · 2 个知识点");
  });
});

describe("drawQuestions: counts and filters", () => {
  const pool = [
    ...many(12, { type: "single", difficulty: 3 }),
    ...many(8, { type: "single", difficulty: 5 }),
    ...many(6, { type: "multiple", difficulty: 3, pointId: 1 }),
    ...many(6, { type: "multiple", difficulty: 3, pointId: 2 }),
    ...many(5, { type: "truefalse", bankId: 2, tags: ["防汛"] }),
    ...many(5, { type: "truefalse", bankId: 2 }),
    ...many(4, { type: "fill", bankId: 3, difficulty: null }),
  ];
  const ids = byId(pool);
  const rules: DrawRule[] = [
    rule({ type: "single", difficulty: 3, count: 10, scoreX100: 100 }),
    rule({ type: "multiple", pointIds: [2], count: 4, scoreX100: 200 }),
    rule({ type: "truefalse", bankIds: [2], tag: "防汛", count: 5, scoreX100: 50 }),
    rule({ type: "fill", bankIds: [3], count: 2, scoreX100: 150 }),
  ];

  it("draws each rule's count from matching questions, in rule order, with the rule's score", () => {
    const items = drawn(rules, pool, "seed");
    expect(items.map((i) => i.ruleIndex)).toEqual([...Array(10).fill(0), ...Array(4).fill(1), ...Array(5).fill(2), ...Array(2).fill(3)]);
    for (const item of items) {
      const c = ids.get(item.questionId)!;
      expect(ruleMatches(rules[item.ruleIndex], c)).toBe(true);
      expect(item.versionId).toBe(c.versionId);
      expect(item.scoreX100).toBe(rules[item.ruleIndex].scoreX100);
    }
    expect(new Set(items.map((i) => i.questionId)).size).toBe(items.length);
  });

  it("a rule with count 0 draws nothing; no rules draw an empty paper", () => {
    expect(drawn([rule({ count: 0 })], pool, "s")).toEqual([]);
    expect(drawn([], pool, "s")).toEqual([]);
  });

  it("same seed → same paper; different seeds → different papers", () => {
    const a = drawn(rules, pool, "exam-3:attempt-1");
    expect(drawn(rules, pool, "exam-3:attempt-1")).toEqual(a);
    expect(drawn(rules, pool, "exam-3:attempt-2")).not.toEqual(a);
  });

  it("does not depend on the order of the pool rows", () => {
    const reversed = [...pool].reverse();
    const shuffled = shuffle(pool, createRng("rows"));
    const a = drawn(rules, pool, "x");
    expect(drawn(rules, reversed, "x")).toEqual(a);
    expect(drawn(rules, shuffled, "x")).toEqual(a);
  });

  it("uses one version per question, the highest, if the pool lists several", () => {
    const q = candidate({ type: "essay" });
    const older = { ...q, versionId: q.versionId - 1 };
    const items = drawn([rule({ type: "essay", count: 1 })], [older, q, older], "v");
    expect(items).toEqual([{ questionId: q.questionId, versionId: q.versionId, ruleIndex: 0, scoreX100: 100 }]);
    const result = drawQuestions([rule({ type: "essay", count: 2 })], [older, q], "v");
    expect(result.ok).toBe(false);
  });

  it("every question of a rule gets picked sometimes (the draw is not biased to the pool's start)", () => {
    const hits = new Map<number, number>();
    for (let s = 0; s < 400; s++) {
      for (const item of drawn([rule({ type: "single", difficulty: 3, count: 3 })], pool, `u${s}`)) hits.set(item.questionId, (hits.get(item.questionId) ?? 0) + 1);
    }
    expect(hits.size).toBe(12);
    // 400 draws × 3 of 12 = 100 expected each.
    for (const count of hits.values()) expect(count).toBeGreaterThan(50);
  });
});

describe("drawQuestions: shortages", () => {
  const pool = [...many(7, { type: "single", difficulty: 3 }), ...many(3, { type: "multiple" })];

  it("reports a rule that cannot be filled, in Chinese, numbered from 1", () => {
    const result = drawQuestions([rule({ type: "multiple", count: 2 }), rule({ type: "single", difficulty: 3, count: 10 })], pool, "s");
    expect(result).toEqual({
      ok: false,
      shortages: [{ ruleIndex: 1, ruleIndexes: [1], needed: 10, available: 7, message: "第 2 条规则（单选 · 难度 3）需要 10 题，可用 7 题" }],
    });
  });

  it("reports every short rule", () => {
    const result = drawQuestions([rule({ type: "multiple", count: 5 }), rule({ type: "fill", count: 1 })], pool, "s");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.shortages.map((s) => [s.ruleIndex, s.needed, s.available])).toEqual([
        [0, 5, 3],
        [1, 1, 0],
      ]);
      expect(result.shortages[1].message).toBe("第 2 条规则（填空）需要 1 题，可用 0 题");
    }
  });

  it("reports overlapping rules that fit alone but not together", () => {
    // Both rules accept the same 7 single questions: 5 + 4 > 7.
    const result = drawQuestions([rule({ type: "multiple", count: 1 }), rule({ count: 5 }), rule({ difficulty: 3, count: 4 })], pool, "s");
    expect(result).toEqual({
      ok: false,
      shortages: [
        {
          ruleIndex: 1,
          ruleIndexes: [1, 2],
          needed: 9,
          available: 7,
          message: "第 2、3 条规则（单选；单选 · 难度 3）可选的题目相互重叠：合计需要 9 题，符合条件的不同题目只有 7 题",
        },
      ],
    });
  });

  it("refuses invalid rule counts and scores", () => {
    expect(() => drawQuestions([rule({ count: -1 })], pool, "s")).toThrow(RangeError);
    expect(() => drawQuestions([rule({ count: 1.5 })], pool, "s")).toThrow(RangeError);
    expect(() => drawQuestions([rule({ scoreX100: -5 })], pool, "s")).toThrow(RangeError);
  });
});

describe("drawQuestions: overlapping rules", () => {
  // Rule 0 (any difficulty) could take the difficulty-5 questions rule 1 needs: greedy order alone
  // would fail for unlucky seeds.
  const easy = many(6, { difficulty: 1 });
  const hard = many(4, { difficulty: 5 });
  const pool = [...easy, ...hard];
  const rules = [rule({ count: 6 }), rule({ difficulty: 5, count: 4 })];

  it("fills both rules for every seed, without duplicates", () => {
    for (let s = 0; s < 300; s++) {
      const items = drawn(rules, pool, `o${s}`);
      expect(items).toHaveLength(10);
      expect(new Set(items.map((i) => i.questionId)).size).toBe(10);
      const hardIds = new Set(hard.map((c) => c.questionId));
      expect(items.filter((i) => i.ruleIndex === 1).every((i) => hardIds.has(i.questionId))).toBe(true);
    }
  });

  it("moves a question between rules when a greedy pick would block another rule", () => {
    // A triangle: each rule accepts two of three questions, all with the same slack. Whenever the
    // shuffled order lets two rules take questions that leave the third nothing, only moving a
    // question along an augmenting path fills the paper.
    const a = candidate({ tags: ["x", "y"] });
    const b = candidate({ tags: ["x", "z"] });
    const c = candidate({ tags: ["y", "z"] });
    const rs = [rule({ tag: "x" }), rule({ tag: "y" }), rule({ tag: "z" })];
    const papers = new Set<string>();
    for (let s = 0; s < 100; s++) {
      const items = drawn(rs, [a, b, c], `m${s}`);
      expect(items.map((i) => i.ruleIndex)).toEqual([0, 1, 2]);
      expect(new Set(items.map((i) => i.questionId)).size).toBe(3);
      items.forEach((item) => expect(ruleMatches(rs[item.ruleIndex], byId([a, b, c]).get(item.questionId)!)).toBe(true));
      papers.add(items.map((i) => i.questionId).join());
    }
    // Both solutions (a,c,b and b,a,c) occur.
    expect(papers.size).toBe(2);
  });

  it("property: random pools and overlapping rules — counts, filters, no duplicates, reproducible, matches poolCounts", () => {
    const types = ["single", "multiple", "truefalse"] as const;
    for (let s = 0; s < 200; s++) {
      const rng = createRng(`prop${s}`);
      const size = 10 + randomInt(40, rng);
      const p = Array.from({ length: size }, () =>
        candidate({
          bankId: 1 + randomInt(2, rng),
          type: types[randomInt(3, rng)],
          difficulty: randomInt(4, rng) === 0 ? null : 1 + randomInt(3, rng),
          pointId: randomInt(4, rng) === 0 ? null : 1 + randomInt(2, rng),
          tags: randomInt(2, rng) ? ["t"] : [],
        }),
      );
      const rs = Array.from({ length: 1 + randomInt(5, rng) }, () =>
        rule({
          bankIds: [1 + randomInt(2, rng), 1 + randomInt(2, rng)],
          type: types[randomInt(2, rng)],
          difficulty: randomInt(2, rng) ? undefined : 1 + randomInt(3, rng),
          pointIds: randomInt(2, rng) ? undefined : [1 + randomInt(2, rng)],
          tag: randomInt(3, rng) ? undefined : "t",
          count: randomInt(4, rng),
        }),
      );
      const ids = byId(p);
      const result = drawQuestions(rs, p, `d${s}`);
      const counts = poolCounts(rs, p);
      expect(counts.feasible).toBe(result.ok);
      expect(result).toEqual(drawQuestions(rs, p, `d${s}`));
      if (result.ok) {
        rs.forEach((r, i) => expect(result.items.filter((it) => it.ruleIndex === i)).toHaveLength(r.count));
        for (const item of result.items) expect(ruleMatches(rs[item.ruleIndex], ids.get(item.questionId)!)).toBe(true);
        expect(new Set(result.items.map((i) => i.questionId)).size).toBe(result.items.length);
        expect(result.items.map((i) => i.ruleIndex)).toEqual([...result.items.map((i) => i.ruleIndex)].sort((a, b) => a - b));
      } else {
        expect(result.shortages.length).toBeGreaterThan(0);
        expect(result.shortages).toEqual(counts.shortages);
        for (const sh of result.shortages) expect(sh.needed).toBeGreaterThan(sh.available);
      }
      expect(bruteForceFeasible(rs, p)).toBe(result.ok);
    }
  });
});

describe("drawQuestions: heavily overlapping rules against brute force", () => {
  it("fills the paper exactly when some allocation exists, and names the competing rules otherwise", () => {
    let feasible = 0;
    let conflictsSeen = 0;
    for (let s = 0; s < 300; s++) {
      const rng = createRng(`overlap${s}`);
      const p = Array.from({ length: 6 + randomInt(8, rng) }, () => candidate({ difficulty: 1 + randomInt(3, rng), tags: randomInt(2, rng) ? ["t"] : [] }));
      const rs = Array.from({ length: 2 + randomInt(3, rng) }, () =>
        rule({ difficulty: randomInt(2, rng) ? undefined : 1 + randomInt(3, rng), tag: randomInt(2, rng) ? undefined : "t", count: 1 + randomInt(4, rng) }),
      );
      const result = drawQuestions(rs, p, `seed${s}`);
      expect(result.ok).toBe(bruteForceFeasible(rs, p));
      if (result.ok) {
        feasible++;
        expect(new Set(result.items.map((i) => i.questionId)).size).toBe(result.items.length);
        rs.forEach((r, i) => expect(result.items.filter((it) => it.ruleIndex === i)).toHaveLength(r.count));
      } else {
        const available = poolCounts(rs, p).rules.map((r) => r.available);
        for (const sh of result.shortages) {
          if (sh.ruleIndexes.length === 1) expect(available[sh.ruleIndex]).toBeLessThan(rs[sh.ruleIndex].count);
          else conflictsSeen++;
          expect(sh.available).toBeLessThan(sh.needed);
          // The named rules really cannot share: the distinct questions they accept are too few.
          const accepted = p.filter((c) => sh.ruleIndexes.some((r) => ruleMatches(rs[r], c)));
          expect(accepted).toHaveLength(sh.available);
        }
      }
    }
    // The generator must exercise both outcomes and real overlap conflicts.
    expect(feasible).toBeGreaterThan(50);
    expect(conflictsSeen).toBeGreaterThan(10);
  });
});

/** Exhaustive check for tiny cases: try every assignment of pool questions to rules (or none). */
function bruteForceFeasible(rules: DrawRule[], pool: Candidate[]): boolean {
  const need = rules.map((r) => r.count);
  if (need.reduce((a, b) => a + b, 0) > pool.length) return false;
  const accepts = pool.map((c) => rules.flatMap((r, i) => (ruleMatches(r, c) ? [i] : [])));
  // Memoised search over (question index, remaining needs).
  const memo = new Map<string, boolean>();
  const go = (q: number): boolean => {
    if (need.every((n) => n === 0)) return true;
    if (q === pool.length) return false;
    const key = `${q}:${need.join(",")}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let ok = go(q + 1);
    for (const r of accepts[q]) {
      if (ok) break;
      if (need[r] > 0) {
        need[r]--;
        ok = go(q + 1);
        need[r]++;
      }
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0);
}

describe("allocation", () => {
  it("finds the perfect allocation greedy misses", () => {
    // Rule 0 prefers candidate 0, which rule 1 needs; rule 0 could use candidate 1 instead.
    const allocation = allocate([1, 1], [[0, 1], [0]], 2, [0, 1]);
    expect(allocation.got).toEqual([1, 1]);
    expect(allocation.picks).toEqual([[1], [0]]);
  });

  it("names the competing rules when there is no allocation", () => {
    const demand = [2, 2, 1];
    const lists = [[0, 1, 2], [0, 1, 2], [3]];
    const allocation = allocate(demand, lists, 4, [0, 1, 2]);
    expect(allocation.got.reduce((a, b) => a + b, 0)).toBe(4);
    expect(conflicts(allocation, demand, lists)).toEqual([{ rules: [0, 1], available: 3 }]);
  });

  it("splits independent conflicts", () => {
    const demand = [2, 2, 2, 2];
    const lists = [[0, 1], [0, 1], [2, 3, 4], [2, 3, 4]];
    const allocation = allocate(demand, lists, 5, [0, 1, 2, 3]);
    expect(conflicts(allocation, demand, lists)).toEqual([
      { rules: [0, 1], available: 2 },
      { rules: [2, 3], available: 3 },
    ]);
  });

  it("reports nothing when all rules are filled", () => {
    const allocation = allocate([1], [[0]], 1, [0]);
    expect(conflicts(allocation, [1], [[0]])).toEqual([]);
  });
});

describe("poolCounts", () => {
  it("counts per rule, overlaps included, and says whether the paper can be drawn", () => {
    const pool = [...many(5, { difficulty: 3 }), ...many(2, { difficulty: 4 })];
    const counts = poolCounts([rule({ count: 4 }), rule({ difficulty: 3, count: 3 })], pool);
    expect(counts.rules).toEqual([
      { ruleIndex: 0, needed: 4, available: 7 },
      { ruleIndex: 1, needed: 3, available: 5 },
    ]);
    expect(counts.feasible).toBe(true);
    expect(counts.shortages).toEqual([]);
    const tight = poolCounts([rule({ count: 5 }), rule({ difficulty: 3, count: 3 })], pool);
    expect(tight.feasible).toBe(false);
    expect(tight.shortages.map((s) => s.ruleIndexes)).toEqual([[0, 1]]);
  });

  it("lists rules short on their own and overlap conflicts separately", () => {
    const pool = [...many(3, { difficulty: 3 }), ...many(1, { type: "fill" })];
    const counts = poolCounts([rule({ type: "fill", count: 2 }), rule({ count: 2 }), rule({ difficulty: 3, count: 2 })], pool);
    expect(counts.shortages.map((s) => [s.ruleIndexes, s.needed, s.available])).toEqual([
      [[0], 2, 1],
      [[1, 2], 4, 3],
    ]);
  });
});

describe("orderQuestions", () => {
  const items = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2].map((ruleIndex, i) => ({ ruleIndex, questionId: i }));

  it("keeps the paper's order when not shuffling", () => {
    expect(orderQuestions(items, false, createRng("o"))).toEqual(items);
  });

  it("shuffles within each rule's block and keeps the blocks in order", () => {
    let changed = false;
    for (let s = 0; s < 20; s++) {
      const out = orderQuestions(items, true, createRng(`o${s}`));
      expect(out.map((i) => i.ruleIndex)).toEqual(items.map((i) => i.ruleIndex));
      expect([...out].sort((a, b) => a.questionId - b.questionId)).toEqual(items);
      if (out.some((item, i) => item !== items[i])) changed = true;
    }
    expect(changed).toBe(true);
  });

  it("is reproducible from the seed", () => {
    expect(orderQuestions(items, true, createRng("r"))).toEqual(orderQuestions(items, true, createRng("r")));
  });
});

describe("optionOrder", () => {
  const choice = (type: "single" | "multiple", n: number): QuestionContent => ({
    type,
    stem,
    tiers: [],
    options: Array.from({ length: n }, (_, i) => ({ text: `o${i}`, correct: i === 0 })),
  });

  it("is the identity without shuffling and a permutation with it", () => {
    expect(optionOrder(choice("single", 4), false, createRng("x"))).toEqual([0, 1, 2, 3]);
    for (let s = 0; s < 50; s++) {
      const order = optionOrder(choice("multiple", 6), true, createRng(`x${s}`));
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
    const orders = new Set(Array.from({ length: 50 }, (_, s) => optionOrder(choice("single", 5), true, createRng(`y${s}`)).join()));
    expect(orders.size).toBeGreaterThan(30);
  });

  it("is empty for questions without options", () => {
    const rng = createRng("z");
    expect(optionOrder({ type: "truefalse", stem, tiers: [], answer: true }, true, rng)).toEqual([]);
    expect(optionOrder({ type: "fill", stem, tiers: [], blanks: [["a"]] }, true, rng)).toEqual([]);
    expect(optionOrder({ type: "essay", stem, tiers: [] }, true, rng)).toEqual([]);
  });
});

describe("drawing from a prepared pool", () => {
  const TYPES = ["single", "multiple", "truefalse"] as const;

  function randomPool(rng: () => number, size: number): Candidate[] {
    return Array.from({ length: size }, () =>
      candidate({ type: TYPES[randomInt(3, rng)], difficulty: 1 + randomInt(5, rng), bankId: 1 + randomInt(2, rng), tags: rng() < 0.3 ? ["危化品"] : [] }),
    );
  }

  it("gives each disjoint rule its first matches in the seed's shuffle of the pool, for 200 random pools", () => {
    const rng = createRng("prepared-pools");
    for (let round = 0; round < 200; round++) {
      const pool = randomPool(rng, 20 + randomInt(200, rng));
      // type × difficulty rules never overlap.
      const rules = TYPES.flatMap((type) => [1, 3, 5].map((difficulty) => rule({ bankIds: [1, 2], type, difficulty, count: randomInt(4, rng) })));
      const seed = `seed-${round}`;
      const ordered = shuffle([...pool].sort((a, b) => a.questionId - b.questionId), createRng(seed));
      const result = drawQuestions(rules, pool, seed);
      const expected = rules.map((r) => ordered.filter((c) => ruleMatches(r, c)).slice(0, r.count).map((c) => c.questionId));
      if (expected.some((ids, r) => ids.length < rules[r]!.count)) {
        expect(result.ok).toBe(false);
        continue;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const got = rules.map((_, r) => result.items.filter((i) => i.ruleIndex === r).map((i) => i.questionId));
      expect(got.map((ids) => [...ids].sort((a, b) => a - b))).toEqual(expected.map((ids) => [...ids].sort((a, b) => a - b)));
    }
  });

  it("draws the same paper from one prepared pool as from the raw pool, seed by seed, overlapping rules included", () => {
    const rng = createRng("prepared-overlap");
    const pool = randomPool(rng, 300);
    const rules = [rule({ bankIds: [1, 2], type: "single", count: 10 }), rule({ bankIds: [1], type: "single", tag: "危化品", count: 5 }), rule({ bankIds: [2], type: "multiple", difficulty: 2, count: 3 })];
    const prepared = preparePool(rules, pool);
    for (let k = 0; k < 50; k++) expect(drawPrepared(prepared, `s${k}`)).toEqual(drawQuestions(rules, [...pool].reverse(), `s${k}`));
  });
});
