// Assigning pool questions to paper rules when rules overlap (a question may fit several rules but
// may be used once). This is bipartite b-matching: rule r needs demand[r] distinct candidates from
// its own list. Greedy alone is not enough — rule 1 may take the only questions rule 2 could use
// while other questions would have served rule 1 — so each slot is filled by an augmenting path
// (Kuhn's algorithm on the rules, i.e. max-flow with unit capacities), which is exact: the
// allocation fills every rule whenever any allocation can. When a free candidate is at hand the
// path is just that candidate, so the result is greedy over the caller's (shuffled) candidate
// order, and questions move between rules only when that is needed to fill a rule. Pure.

export interface Allocation {
  /** picks[r]: the candidates given to rule r, in the order of that rule's candidate list. */
  picks: number[][];
  /** got[r] < demand[r] marks a rule that no allocation could fill. */
  got: number[];
  /** owner[c]: the rule candidate c went to, or -1. */
  owner: number[];
}

/**
 * @param demand how many candidates each rule needs
 * @param candidates candidates[r]: the candidate ids (0…candidateCount-1) rule r accepts, in preference order
 * @param order the rules in the order to serve them (most constrained first keeps questions
 *   moving between rules rare); every rule index must appear once
 */
export function allocate(demand: readonly number[], candidates: readonly (readonly number[])[], candidateCount: number, order: readonly number[]): Allocation {
  const owner = new Array<number>(candidateCount).fill(-1);
  const got = demand.map(() => 0);
  for (const r of order) {
    // Once no augmenting path starts at r, none will after later augmentations either (Kuhn), so stop.
    while (got[r] < demand[r] && augment(r, candidates, owner)) got[r]++;
  }
  const picks = candidates.map((list, r) => list.filter((c) => owner[c] === r));
  return { picks, got, owner };
}

/** One more candidate for rule `start`, moving others along a path of rules if needed (BFS, shortest path). */
function augment(start: number, candidates: readonly (readonly number[])[], owner: number[]): boolean {
  const cameFrom = new Map<number, { rule: number; via: number }>();
  const queue = [start];
  const seen = new Set(queue);
  for (let head = 0; head < queue.length; head++) {
    const rule = queue[head];
    for (const c of candidates[rule]) {
      const current = owner[c];
      if (current === -1) {
        // Walk back: each rule on the path takes the candidate its successor gives up.
        let taker = rule;
        let candidate = c;
        for (;;) {
          owner[candidate] = taker;
          if (taker === start) return true;
          const step = cameFrom.get(taker)!;
          candidate = step.via;
          taker = step.rule;
        }
      }
      if (current !== rule && !seen.has(current)) {
        seen.add(current);
        cameFrom.set(current, { rule, via: c });
        queue.push(current);
      }
    }
  }
  return false;
}

export interface Conflict {
  /** The rules that compete for too few questions, ascending. */
  rules: number[];
  /** How many distinct candidates those rules accept between them. */
  available: number;
}

/**
 * Why an allocation fell short, as Hall violators: the rules reachable from a short rule by
 * alternating paths take every candidate any of them accepts, and still need more. Split into
 * groups that share no candidate, so each message names only rules that really compete.
 */
export function conflicts(allocation: Allocation, demand: readonly number[], candidates: readonly (readonly number[])[]): Conflict[] {
  const { got, owner } = allocation;
  const short = demand.flatMap((d, r) => (got[r] < d ? [r] : []));
  if (short.length === 0) return [];
  const reachable = new Set(short);
  const queue = [...short];
  for (let head = 0; head < queue.length; head++) {
    for (const c of candidates[queue[head]]) {
      const o = owner[c];
      if (o !== -1 && !reachable.has(o)) {
        reachable.add(o);
        queue.push(o);
      }
    }
  }
  // Union-find over the reachable rules: a rule joins the owner of every candidate it accepts.
  const parent = new Map([...reachable].map((r) => [r, r]));
  const find = (r: number): number => {
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const r of reachable) {
    for (const c of candidates[r]) {
      if (owner[c] !== -1) parent.set(find(r), find(owner[c]));
    }
  }
  const groups = new Map<number, { rules: number[]; accepted: Set<number> }>();
  for (const r of [...reachable].sort((a, b) => a - b)) {
    const root = find(r);
    const group = groups.get(root) ?? { rules: [], accepted: new Set<number>() };
    group.rules.push(r);
    for (const c of candidates[r]) group.accepted.add(c);
    groups.set(root, group);
  }
  return [...groups.values()].map((g) => ({ rules: g.rules, available: g.accepted.size })).sort((a, b) => a.rules[0] - b.rules[0]);
}
