// Table types, one interface per table. Instants are UTC epoch milliseconds (number); calendar
// dates are "YYYY-MM-DD" strings; flags are 0/1 integers on both engines.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type OrgUnitType = "city" | "district" | "town" | "station" | "fire_team" | "micro_station" | "village";

export interface OrgUnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  type: OrgUnitType;
  name: string;
  code: string;
  path: string;
  depth: number;
  sort_order: Generated<number>;
  active: Generated<number>;
  created_at: number;
  updated_at: number;
}
export type OrgUnit = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;
export type OrgUnitUpdate = Updateable<OrgUnitsTable>;

export interface TrainingTiersTable {
  code: string;
  name: string;
  sort_order: Generated<number>;
  active: Generated<number>;
}
export type TrainingTier = Selectable<TrainingTiersTable>;

export type PersonStatus = "active" | "left";
export type Gender = "male" | "female";

export interface PersonsTable {
  id: Generated<number>;
  employee_no: string;
  name: string;
  mobile: string | null;
  gender: Gender | null;
  birth_date: string | null;
  post: string;
  tier: string;
  rank: string | null;
  org_unit_id: number;
  status: Generated<PersonStatus>;
  created_at: number;
  updated_at: number;
}
export type Person = Selectable<PersonsTable>;
export type NewPerson = Insertable<PersonsTable>;
export type PersonUpdate = Updateable<PersonsTable>;

export interface PersonOrgHistoryTable {
  id: Generated<number>;
  person_id: number;
  org_unit_id: number;
  valid_from: number;
  valid_to: number | null;
}

export interface AccountsTable {
  person_id: number;
  password_hash: string;
  must_change_password: Generated<number>;
  password_changed_at: number | null;
  created_at: number;
}

export type Role = "trainee" | "instructor" | "manager" | "hr" | "admin";

export interface RoleAssignmentsTable {
  id: Generated<number>;
  person_id: number;
  role: Role;
  scope_org_unit_id: number | null;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: number;
  created_at: number;
  client_address: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: number;
  blocked_until: number;
}

export interface ImportDraftsTable {
  id: string;
  kind: string;
  created_by: number;
  file_name: string;
  payload: string;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  detail: string | null;
  at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface CourseCategoriesTable {
  code: string;
  name: string;
  sort_order: Generated<number>;
  builtin: Generated<number>;
}

export interface UploadsTable {
  id: string;
  kind: "image" | "attachment";
  original_name: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: number;
}

export type CourseStatus = "draft" | "published" | "archived";

export interface CoursesTable {
  id: Generated<number>;
  content_key: string | null;
  title: string;
  summary: Generated<string>;
  category: string;
  cover_upload_id: string | null;
  status: Generated<CourseStatus>;
  audience_tiers: Generated<string>;
  content_hash: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}
export type Course = Selectable<CoursesTable>;

export interface CourseOwnersTable {
  course_id: number;
  person_id: number;
}

export interface LessonsTable {
  id: Generated<number>;
  course_id: number;
  content_key: string | null;
  title: string;
  position: number;
  minutes: number;
  body: string;
  check_question: string | null;
  content_hash: string | null;
  revision: Generated<number>;
  updated_by: number | null;
  created_at: number;
  updated_at: number;
  archived: Generated<number>;
}
export type Lesson = Selectable<LessonsTable>;

export interface LessonRevisionsTable {
  id: Generated<number>;
  lesson_id: number;
  revision: number;
  title: string;
  minutes: number;
  body: string;
  check_question: string | null;
  author_id: number | null;
  note: Generated<string>;
  created_at: number;
}

export interface LessonAttachmentsTable {
  lesson_id: number;
  upload_id: string;
  position: Generated<number>;
}

export interface SyllabiTable {
  id: Generated<number>;
  content_key: string | null;
  year: number;
  title: string;
  created_at: number;
}

export type SyllabusVersionStatus = "draft" | "published";

export interface SyllabusVersionsTable {
  id: Generated<number>;
  syllabus_id: number;
  version: number;
  status: Generated<SyllabusVersionStatus>;
  description: Generated<string>;
  content_hash: string | null;
  created_by: number | null;
  created_at: number;
  published_by: number | null;
  published_at: number | null;
}

export interface SyllabusTiersTable {
  version_id: number;
  tier: string;
  required_hours_x100: number;
}

export type SyllabusItemKind = "required" | "elective";

export interface SyllabusItemsTable {
  version_id: number;
  tier: string;
  course_id: number;
  kind: SyllabusItemKind;
  position: Generated<number>;
}

export interface InstructorsTable {
  id: Generated<number>;
  person_id: number | null;
  name: string;
  kind: "internal" | "external";
  level: string;
  org_unit_id: number | null;
  organization: string | null;
  title: string | null;
  mobile: string | null;
  email: string | null;
  bio: Generated<string>;
  rating_x100: number | null;
  rating_count: Generated<number>;
  active: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface InstructorSpecialtiesTable {
  instructor_id: number;
  category: string;
}

export interface InstructorCoursesTable {
  instructor_id: number;
  course_id: number;
}

export interface CourseAssignmentsTable {
  id: Generated<number>;
  course_id: number;
  org_unit_id: number | null;
  person_id: number | null;
  due_date: string | null;
  assigned_by: number;
  created_at: number;
}

export interface LessonProgressTable {
  person_id: number;
  lesson_id: number;
  seconds: Generated<number>;
  last_beat_at: number | null;
  check_passed: Generated<number>;
  completed_at: number | null;
  updated_at: number;
}

export interface LearningRecordsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  source_type: string;
  source_id: string;
  source_key: string;
  title: string;
  hours_x100: Generated<number>;
  org_unit_id: number;
  occurred_at: number;
  detail: string | null;
}
export type LearningRecord = Selectable<LearningRecordsTable>;

export type QuestionStatus = "draft" | "published" | "retired";
export type BankMemberRole = "owner" | "editor";

export interface QuestionBanksTable {
  id: Generated<number>;
  bank_key: string;
  title: string;
  description: Generated<string>;
  category: string;
  archived: Generated<number>;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}
export type QuestionBank = Selectable<QuestionBanksTable>;

export interface QuestionBankMembersTable {
  bank_id: number;
  person_id: number;
  role: BankMemberRole;
}

export interface KnowledgePointsTable {
  id: Generated<number>;
  bank_id: number;
  parent_id: number | null;
  name: string;
  path: string;
  sort_order: Generated<number>;
}
export type KnowledgePoint = Selectable<KnowledgePointsTable>;

export interface QuestionsTable {
  id: Generated<number>;
  bank_id: number;
  content_key: string | null;
  status: QuestionStatus;
  current_version: number;
  type: string;
  difficulty: number | null;
  knowledge_point_id: number | null;
  tiers: Generated<string>;
  search_text: string;
  dup_hash: string;
  created_by: number | null;
  created_at: number;
  updated_by: number | null;
  updated_at: number;
}
export type QuestionRow = Selectable<QuestionsTable>;

export interface QuestionVersionsTable {
  id: Generated<number>;
  question_id: number;
  version: number;
  type: string;
  content: string;
  content_hash: string;
  created_by: number | null;
  created_at: number;
}
export type QuestionVersionRow = Selectable<QuestionVersionsTable>;

export interface QuestionTagsTable {
  question_id: number;
  tag: string;
}

export interface QuestionEventsTable {
  id: Generated<number>;
  question_id: number;
  action: string;
  version: number | null;
  actor_id: number | null;
  detail: string | null;
  at: number;
}

export interface PapersTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  mode: "fixed" | "drawn";
  multiple_scoring: Generated<"all" | "partial">;
  fill_scoring: Generated<"per_blank" | "all">;
  archived: Generated<number>;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface PaperQuestionsTable {
  paper_id: number;
  position: number;
  question_id: number;
  score_x100: number;
}

export interface PaperRulesTable {
  paper_id: number;
  position: number;
  bank_id: number;
  knowledge_point_id: number | null;
  tag: string | null;
  type: string;
  difficulty: number | null;
  question_count: number;
  score_x100: number;
}

export type ExamKind = "final" | "certificate" | "practice" | "contest";
export type Visibility = "after_submit" | "after_close" | "never";

export interface ExamsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  kind: ExamKind;
  certificate_type: string | null;
  certificate_valid_months: number | null;
  course_id: number | null;
  required_course_id: number | null;
  paper_id: number;
  opens_at: number;
  closes_at: number;
  duration_minutes: number;
  max_attempts: Generated<number>;
  counting: Generated<"highest" | "last">;
  pass_x100: number;
  shuffle_questions: Generated<number>;
  shuffle_options: Generated<number>;
  score_visibility: Generated<Visibility>;
  review_visibility: Generated<Visibility>;
  status: Generated<"draft" | "published" | "archived">;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}
export type ExamRow = Selectable<ExamsTable>;

export interface ExamAudienceTable {
  exam_id: number;
  kind: "tier" | "unit" | "person";
  ref: string;
}

export interface ExamAccommodationsTable {
  exam_id: number;
  person_id: number;
  extra_minutes: Generated<number>;
  extra_attempts: Generated<number>;
  opens_at: number | null;
  closes_at: number | null;
  note: Generated<string>;
  updated_by: number | null;
  updated_at: number;
}

export interface AttemptsTable {
  id: Generated<number>;
  exam_id: number;
  person_id: number;
  attempt_no: number;
  org_unit_id: number;
  started_at: number;
  deadline_at: number;
  status: "open" | "closed";
  finished_at: number | null;
  closed_by: "submit" | "deadline" | null;
  score_x100: number | null;
  max_x100: number;
  pending_count: Generated<number>;
  passed: number | null;
  graded_at: number | null;
  seed: string;
}
export type AttemptRow = Selectable<AttemptsTable>;

export interface AttemptItemsTable {
  attempt_id: number;
  position: number;
  question_id: number;
  question_version_id: number;
  max_x100: number;
  option_order: Generated<string>;
}

export interface AttemptAnswersTable {
  attempt_id: number;
  position: number;
  answer: string;
  seq: number;
  flagged: Generated<number>;
  saved_at: number;
  score_x100: number | null;
  outcome: string | null;
  graded_by: number | null;
  graded_at: number | null;
}

export interface AttemptScoreEventsTable {
  id: Generated<number>;
  attempt_id: number;
  action: "graded" | "manual" | "regrade";
  old_score_x100: number | null;
  new_score_x100: number | null;
  old_passed: number | null;
  new_passed: number | null;
  actor_id: number | null;
  reason: string | null;
  at: number;
}

export interface CertificatesTable {
  id: Generated<number>;
  number: string;
  person_id: number;
  type: string;
  exam_id: number;
  attempt_id: number;
  org_unit_id: number;
  issued_on: string;
  expires_on: string;
  status: Generated<"valid" | "revoked">;
  revoked_at: number | null;
  revoke_reason: string | null;
  created_at: number;
}

export interface Database {
  org_units: OrgUnitsTable;
  training_tiers: TrainingTiersTable;
  persons: PersonsTable;
  person_org_history: PersonOrgHistoryTable;
  accounts: AccountsTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  import_drafts: ImportDraftsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  course_categories: CourseCategoriesTable;
  uploads: UploadsTable;
  courses: CoursesTable;
  course_owners: CourseOwnersTable;
  lessons: LessonsTable;
  lesson_revisions: LessonRevisionsTable;
  lesson_attachments: LessonAttachmentsTable;
  syllabi: SyllabiTable;
  syllabus_versions: SyllabusVersionsTable;
  syllabus_tiers: SyllabusTiersTable;
  syllabus_items: SyllabusItemsTable;
  instructors: InstructorsTable;
  instructor_specialties: InstructorSpecialtiesTable;
  instructor_courses: InstructorCoursesTable;
  course_assignments: CourseAssignmentsTable;
  lesson_progress: LessonProgressTable;
  learning_records: LearningRecordsTable;
  question_banks: QuestionBanksTable;
  question_bank_members: QuestionBankMembersTable;
  knowledge_points: KnowledgePointsTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  question_tags: QuestionTagsTable;
  question_events: QuestionEventsTable;
  papers: PapersTable;
  paper_questions: PaperQuestionsTable;
  paper_rules: PaperRulesTable;
  exams: ExamsTable;
  exam_audience: ExamAudienceTable;
  exam_accommodations: ExamAccommodationsTable;
  attempts: AttemptsTable;
  attempt_items: AttemptItemsTable;
  attempt_answers: AttemptAnswersTable;
  attempt_score_events: AttemptScoreEventsTable;
  certificates: CertificatesTable;
}
