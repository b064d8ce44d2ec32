// The demo city's people as plain data: cadres, station and fire-team crews, grid workers, and
// the demo accounts in their places. Deterministic: the same plan on every run.
import type { Gender, Role } from "../schema";
import type { TierCode } from "./city-data";
import { DEMO_ACCOUNTS, type DemoAccount, type DemoPlace } from "./demo-accounts";
import { birthDate, chineseName, mobileOfSerial } from "./fake-person";
import type { CityPlan, UnitPlan } from "./org-plan";
import { createRng, type Rng } from "./random";

export interface PlannedPerson {
  employeeNo: string;
  name: string;
  mobile: string;
  gender: Gender;
  birthDate: string;
  post: string;
  tier: TierCode;
  rank: string | null;
  unitCode: string;
  /** Roles besides `trainee`, which every person gets. */
  extraRoles: Array<{ role: Role; scopeCode: string | null }>;
}

export const POSTS = {
  chief: "站(队)长",
  staff: ["工作人员", "执法人员", "辅助人员"],
  grid: "网格员",
  cadre: "机关干部",
} as const;

const CADRES_AT_ROOT = 18;
const CADRES_PER_DISTRICT = 3;
const STATION_STAFF = { min: 4, max: 6 } as const;
const FIRE_TEAM_STAFF = 8;

const YOUNG_CADRE_RANKS = ["科员", "二级科员", "一级科员", "四级主任科员"];
const SENIOR_CADRE_RANKS = ["三级主任科员", "二级主任科员", "一级主任科员", "四级调研员", "三级调研员", "副处长"];
// Weighted: stations have more 工作人员 and 辅助人员 than 执法人员.
const STATION_STAFF_POSTS = ["工作人员", "工作人员", "执法人员", "辅助人员", "辅助人员"];
const FIRE_TEAM_STAFF_POSTS = ["工作人员", "辅助人员", "辅助人员"];

/** A person before the random parts (name, gender, birth date) are drawn. */
export type PersonDraft = Omit<PlannedPerson, "employeeNo" | "mobile" | "extraRoles" | "name" | "gender" | "birthDate"> & {
  maleShare: number;
  born: [number, number];
};

export function planDemoPeople(city: CityPlan, options: { peoplePerVillage: number }): PlannedPerson[] {
  const rng = createRng(20_261_129);
  const people: PlannedPerson[] = [];
  const placeCode = placeResolver(city);

  const addGenerated = (draft: PersonDraft) => {
    const serial = people.length + 1;
    people.push(realise(draft, rng, `E${String(serial).padStart(6, "0")}`, mobileOfSerial(serial)));
  };
  const addDemo = (account: DemoAccount, fields: { post: string; tier: TierCode }) => {
    people.push({
      ...fields,
      employeeNo: account.employeeNo,
      mobile: mobileOfSerial(people.length + 1),
      name: account.name,
      gender: account.gender,
      birthDate: account.birthDate,
      rank: account.rank,
      unitCode: placeCode(account.place),
      extraRoles: account.roles.map((r) => ({ role: r.role, scopeCode: r.scope && placeCode(r.scope) })),
    });
  };
  const demoAt = (place: DemoPlace) => DEMO_ACCOUNTS.filter((a) => a.place === place);

  // 机关干部: every third generated cadre is young (born 1992+), the pool of 年轻干部.
  for (const account of [...demoAt("root"), ...demoAt("demo-district")]) {
    addDemo(account, { post: POSTS.cadre, tier: "cadre" });
  }
  const cadreUnits = [
    ...Array<string>(CADRES_AT_ROOT).fill(city.root.code),
    ...city.districts.flatMap((d) => Array<string>(CADRES_PER_DISTRICT).fill(d.code)),
  ];
  cadreUnits.forEach((unitCode, i) => {
    const young = i % 3 === 0;
    addGenerated({
      post: POSTS.cadre,
      tier: "cadre",
      rank: rng.pick(young ? YOUNG_CADRE_RANKS : SENIOR_CADRE_RANKS),
      unitCode,
      maleShare: 0.6,
      born: young ? [1992, 2001] : [1966, 1990],
    });
  });

  for (const station of city.stations) {
    const [manager] = station === city.demoStation ? demoAt("demo-station") : [];
    if (manager) addDemo(manager, { post: POSTS.chief, tier: "chief" });
    else addGenerated(crewMember(station, POSTS.chief, "chief", 0.85, [1970, 1990]));
    const staff = rng.int(STATION_STAFF.min, STATION_STAFF.max);
    for (let i = 0; i < staff; i++) {
      // Every station has at least one 执法人员 (the 执法证 exam needs candidates everywhere).
      const post = i === 0 ? "执法人员" : rng.pick(STATION_STAFF_POSTS);
      addGenerated(crewMember(station, post, "staff", 0.7, [1975, 2002]));
    }
  }

  for (const team of city.fireTeams) {
    addGenerated(crewMember(team, POSTS.chief, "chief", 0.95, [1975, 1990]));
    for (let i = 0; i < FIRE_TEAM_STAFF; i++) {
      addGenerated(crewMember(team, rng.pick(FIRE_TEAM_STAFF_POSTS), "staff", 0.95, [1990, 2004]));
    }
  }

  const demoVillage = placeCode("demo-village");
  for (const village of city.villages) {
    for (let i = 0; i < options.peoplePerVillage; i++) {
      const [trainee] = village.code === demoVillage && i === 0 ? demoAt("demo-village") : [];
      if (trainee) addDemo(trainee, { post: POSTS.grid, tier: "grid" });
      else addGenerated(gridWorker(village.code));
    }
  }
  return people;
}

function crewMember(unit: UnitPlan, post: string, tier: TierCode, maleShare: number, born: [number, number]): PersonDraft {
  return { post, tier, rank: null, unitCode: unit.code, maleShare, born };
}

/** A 村社网格员: shared with the city-scale bench seed so both look alike. */
export function gridWorker(unitCode: string): PersonDraft {
  return { post: POSTS.grid, tier: "grid", rank: null, unitCode, maleShare: 0.45, born: [1965, 1998] };
}

/** Fills in the generated fields of a draft with `rng` (used by the bench seed per person). */
export function realise(draft: PersonDraft, rng: Rng, employeeNo: string, mobile: string): PlannedPerson {
  const { maleShare, born, ...rest } = draft;
  const gender: Gender = rng.chance(maleShare) ? "male" : "female";
  return {
    ...rest,
    employeeNo,
    mobile,
    gender,
    name: chineseName(rng, gender),
    birthDate: birthDate(rng, born[0], born[1]),
    extraRoles: [],
  };
}

function placeResolver(city: CityPlan): (place: DemoPlace) => string {
  const stationTown = city.demoStation.parentCode;
  const village = city.villages.find((v) => v.parentCode === stationTown);
  if (!village) throw new Error("the demo station's town has no village");
  const codes: Record<DemoPlace, string> = {
    root: city.root.code,
    "demo-district": city.demoTown.parentCode!,
    "demo-station": city.demoStation.code,
    "demo-town": stationTown!,
    "demo-village": village.code,
  };
  return (place) => codes[place];
}
