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
}
