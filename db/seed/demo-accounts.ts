// The memorable demo logins, one per role, printed at startup in demo mode.
import type { Gender, Role } from "../schema";

export const DEMO_PASSWORD = "Demo@2026yj";

export interface DemoCredential {
  role: string;
  label: string;
  employeeNo: string;
  password: string;
}

/** Where the demo person sits; the planner resolves it to a unit of the demo city. */
export type DemoPlace = "root" | "demo-district" | "demo-town" | "demo-station" | "demo-village";

export interface DemoAccount {
  employeeNo: string;
  label: string;
  name: string;
  gender: Gender;
  birthDate: string;
  /** 职级, for the cadres among them. */
  rank: string | null;
  place: DemoPlace;
  /** Roles on top of `trainee`, which everyone holds; scope "demo-station" etc. or null (city-wide). */
  roles: Array<{ role: Role; scope: DemoPlace | null }>;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    employeeNo: "admin",
    label: "系统管理员",
    name: "周立新",
    gender: "male",
    birthDate: "1978-04-12",
    rank: "四级调研员",
    place: "root",
    roles: [{ role: "admin", scope: null }],
  },
  {
    employeeNo: "hr",
    label: "人事(干部教育)",
    name: "沈慧敏",
    gender: "female",
    birthDate: "1985-09-03",
    rank: "一级主任科员",
    place: "root",
    roles: [{ role: "hr", scope: null }],
  },
  {
    employeeNo: "instructor",
    label: "教员(师资库)",
    name: "陈志远",
    gender: "male",
    birthDate: "1988-06-21",
    rank: "二级主任科员",
    place: "demo-district",
    roles: [{ role: "instructor", scope: null }],
  },
  {
    employeeNo: "manager",
    label: "应消站站长(转塘街道)",
    name: "俞国强",
    gender: "male",
    birthDate: "1980-11-08",
    rank: null,
    place: "demo-station",
    // The station chief oversees training across the station's town: its staff and the town's
    // village grid workers (villages sit under the town, beside the station).
    roles: [{ role: "manager", scope: "demo-town" }],
  },
  {
    employeeNo: "trainee",
    label: "学员(村社网格员)",
    name: "叶小芳",
    gender: "female",
    birthDate: "1993-02-17",
    rank: null,
    place: "demo-village",
    roles: [],
  },
  {
    employeeNo: "district",
    label: "区县管理员(西湖区)",
    name: "徐卫东",
    gender: "male",
    birthDate: "1975-03-30",
    rank: "副处长",
    place: "demo-district",
    roles: [{ role: "manager", scope: "demo-district" }],
  },
];

/** The demo logins, for printing at startup and on the login page in demo mode. */
export function demoCredentials(): DemoCredential[] {
  return DEMO_ACCOUNTS.map((a) => ({
    role: a.roles[0]?.role ?? "trainee",
    label: a.label,
    employeeNo: a.employeeNo,
    password: DEMO_PASSWORD,
  }));
}

export function demoAccount(employeeNo: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.employeeNo === employeeNo);
  if (!account) throw new Error(`no demo account ${employeeNo}`);
  return account;
}
