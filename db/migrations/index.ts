// The migration list is static so it is bundled into the server build and also runs under tsx.
// Names sort by timestamp; add new migrations at the end and never rename one.
import type { Migration } from "kysely";
import * as foundation from "./20261129_000001_foundation";
import * as learning from "./20261129_000002_learning";
import * as questionBanks from "./20261129_000003_question_banks";
import * as exams from "./20261129_000004_exams";
import * as poolFingerprint from "./20261129_000005_pool_fingerprint";

export const migrations: Record<string, Migration> = {
  "20261129_000001_foundation": foundation,
  "20261129_000002_learning": learning,
  "20261129_000003_question_banks": questionBanks,
  "20261129_000004_exams": exams,
  "20261129_000005_pool_fingerprint": poolFingerprint,
};
