// A person's exam history: per exam, the attempts, the counted result (highest or last finalised
// attempt), the unit they belonged to when they took it, and the certificates it earned. For the
// trainee themself (`audience: "self"`) scores follow the exam's score visibility policy.
import type { Db } from "#db/client";
import { CERTIFICATE_TYPES, certificateState, dateInShanghai, type CertificateState, type CertificateType } from "./certificates.server";
import { visibleNow } from "./attempt-view.server";
import { STATE_LABELS } from "./certificates-list.server";
import { countingAttempt } from "./results";

export interface ExamHistoryRow {
  examId: number;
  title: string;
  kind: string;
  attempts: number;
  lastFinishedAt: number | null;
  /** null when hidden from the trainee, or no attempt is finalised yet. */
  scoreX100: number | null;
  maxX100: number;
  passed: boolean | null;
  /** Waiting for a grader (some 简答 not yet marked). */
  pendingGrading: boolean;
  scoreHidden: boolean;
  unitName: string;
  certificates: Array<{ number: string; typeLabel: string; expiresOn: string; state: CertificateState; stateLabel: string }>;
}

export async function examHistoryOf(db: Db, personId: number, options: { audience: "self" | "staff"; now?: number }): Promise<ExamHistoryRow[]> {
  const now = options.now ?? Date.now();
  const attempts = await db
    .selectFrom("attempts as a")
    .innerJoin("exams as e", "e.id", "a.exam_id")
    .innerJoin("org_units as o", "o.id", "a.org_unit_id")
    .select([
      "a.id",
      "a.exam_id",
      "a.attempt_no",
      "a.status",
      "a.finished_at",
      "a.started_at",
      "a.score_x100",
      "a.max_x100",
      "a.pending_count",
      "a.passed",
      "o.name as unitName",
      "e.title",
      "e.kind",
      "e.counting",
      "e.closes_at",
      "e.score_visibility",
    ])
    .where("a.person_id", "=", personId)
    .orderBy("a.started_at", "desc")
    .execute();
  const certificates = await db
    .selectFrom("certificates")
    .select(["exam_id", "number", "type", "expires_on", "status"])
    .where("person_id", "=", personId)
    .orderBy("issued_on", "desc")
    .execute();
  const today = dateInShanghai(now);
  const byExam = new Map<number, typeof attempts>();
  for (const a of attempts) byExam.set(a.exam_id, [...(byExam.get(a.exam_id) ?? []), a]);
  return [...byExam.values()].map((list) => {
    const first = list[0]!;
    const counted = countingAttempt(
      list.map((a) => ({ ...a, attemptNo: a.attempt_no, scoreX100: a.score_x100, finalised: a.status === "closed" && a.pending_count === 0 })),
      first.counting,
    );
    const scoreHidden = options.audience === "self" && !visibleNow(first.score_visibility, { status: "closed" }, first.closes_at, now);
    // The unit of the counted attempt, else of the latest one: "the unit at the time".
    const unitSource = counted ?? first;
    return {
      examId: first.exam_id,
      title: first.title,
      kind: first.kind,
      attempts: list.length,
      lastFinishedAt: list.find((a) => a.finished_at !== null)?.finished_at ?? null,
      scoreX100: scoreHidden ? null : (counted?.score_x100 ?? null),
      maxX100: first.max_x100,
      passed: scoreHidden || !counted ? null : counted.passed === 1,
      pendingGrading: list.some((a) => a.status === "closed" && a.pending_count > 0),
      scoreHidden,
      unitName: unitSource.unitName,
      certificates: certificates
        .filter((c) => c.exam_id === first.exam_id)
        .map((c) => {
          const state = certificateState(c, today);
          return { number: c.number, typeLabel: CERTIFICATE_TYPES[c.type as CertificateType] ?? c.type, expiresOn: c.expires_on, state, stateLabel: STATE_LABELS[state] };
        }),
    };
  });
}

const points = (x100: number) => String(x100 / 100);

/** The rows as the 考试记录 table shows them: scores in points, times in Beijing time. */
export function historyView(rows: ExamHistoryRow[], formatInstant: (ms: number) => string) {
  return rows.map((r) => ({
    examId: r.examId,
    title: r.title,
    attempts: r.attempts,
    finishedAt: r.lastFinishedAt === null ? null : formatInstant(r.lastFinishedAt),
    score: r.scoreX100 === null ? null : points(r.scoreX100),
    max: points(r.maxX100),
    passed: r.passed,
    pendingGrading: r.pendingGrading,
    scoreHidden: r.scoreHidden,
    unitName: r.unitName,
    certificates: r.certificates,
  }));
}
