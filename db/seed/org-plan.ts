// The demo org tree as plain data (no ids yet): 市局 → 区县 → 乡镇(街道) → 应消站 / 专职消防队 / 村社.
import type { OrgUnitType } from "../schema";
import {
  CITY,
  DEMO_TOWN,
  DISTRICTS,
  FIRE_TEAM_COUNT,
  STATION_COUNT,
  districtCode,
  townCode,
} from "./city-data";
import { villageNames } from "./fake-person";
import { createRng } from "./random";

export interface UnitPlan {
  code: string;
  parentCode: string | null;
  type: OrgUnitType;
  name: string;
  sortOrder: number;
}

export interface TownPlan extends UnitPlan {
  districtKey: string;
  isStreet: boolean;
}

export interface CityPlan {
  root: UnitPlan;
  districts: UnitPlan[];
  towns: TownPlan[];
  stations: UnitPlan[];
  fireTeams: UnitPlan[];
  villages: UnitPlan[];
  /** Units grouped by depth, root first: a level can only be inserted once its parents have ids. */
  levels: UnitPlan[][];
  demoTown: TownPlan;
  demoStation: UnitPlan;
}

const VILLAGES_PER_TOWN = { min: 3, max: 6 } as const;

export function planCity(): CityPlan {
  const root: UnitPlan = { code: CITY.code, parentCode: null, type: "city", name: CITY.name, sortOrder: 0 };
  const districts = DISTRICTS.map<UnitPlan>((d, i) => ({
    code: districtCode(d.key),
    parentCode: root.code,
    type: "district",
    name: d.name,
    sortOrder: i + 1,
  }));
  const towns = DISTRICTS.flatMap((d) =>
    d.towns.map<TownPlan>((name, i) => ({
      code: townCode(d.key, i),
      parentCode: districtCode(d.key),
      type: "town",
      name,
      sortOrder: i + 1,
      districtKey: d.key,
      isStreet: name.endsWith("街道"),
    })),
  );
  const demoTown = towns.find((t) => t.districtKey === DEMO_TOWN.districtKey && t.name === DEMO_TOWN.name);
  if (!demoTown) throw new Error(`demo town ${DEMO_TOWN.name} missing from city data`);

  const order = stationOrder(towns, demoTown);
  const stationTowns = order.slice(0, STATION_COUNT);
  // Full-time fire teams cover the rural towns (镇/乡) that have no station.
  const rest = order.slice(STATION_COUNT);
  const fireTeamTowns = [...rest.filter((t) => !t.isStreet), ...rest.filter((t) => t.isStreet)].slice(0, FIRE_TEAM_COUNT);

  const stations = stationTowns.map<UnitPlan>((t) => ({
    code: `${t.code}-s`,
    parentCode: t.code,
    type: "station",
    name: `${t.name}应急消防管理站`,
    sortOrder: 0,
  }));
  const fireTeams = fireTeamTowns.map<UnitPlan>((t) => ({
    code: `${t.code}-f`,
    parentCode: t.code,
    type: "fire_team",
    name: `${t.name}专职消防队`,
    sortOrder: 1,
  }));
  const villages = towns.flatMap((t, townIndex) => {
    const rng = createRng(10_000 + townIndex);
    const count = rng.int(VILLAGES_PER_TOWN.min, VILLAGES_PER_TOWN.max);
    return villageNames(rng, count, t.isStreet).map<UnitPlan>((name, i) => ({
      code: `${t.code}-v${String(i + 1).padStart(2, "0")}`,
      parentCode: t.code,
      type: "village",
      name,
      sortOrder: 10 + i,
    }));
  });

  const demoStation = stations.find((s) => s.parentCode === demoTown.code) ?? stations[0];
  return {
    root,
    districts,
    towns,
    stations,
    fireTeams,
    villages,
    levels: [[root], districts, towns, [...stations, ...fireTeams, ...villages]],
    demoTown,
    demoStation,
  };
}

/**
 * Which towns get a station first: the demo town, then one town per district in turn, so the 95
 * stations spread over all 13 districts instead of filling the first seven.
 */
function stationOrder(towns: TownPlan[], first: TownPlan): TownPlan[] {
  const byDistrict = DISTRICTS.map((d) => towns.filter((t) => t.districtKey === d.key && t !== first));
  const order = [first];
  for (let round = 0; order.length < towns.length; round++) {
    for (const list of byDistrict) if (round < list.length) order.push(list[round]);
  }
  return order;
}
