import type { OrgUnitType } from "#db/schema";

export const ORG_UNIT_TYPES: readonly OrgUnitType[] = [
  "city",
  "district",
  "town",
  "station",
  "fire_team",
  "micro_station",
  "village",
];

export const ORG_UNIT_TYPE_LABELS: Record<OrgUnitType, string> = {
  city: "市局",
  district: "区县",
  town: "乡镇(街道)",
  station: "应消站",
  fire_team: "专职消防队",
  micro_station: "微消站",
  village: "村社",
};

/** Which unit types may sit directly under which: 市局 → 区县 → 乡镇(街道) → 站/队 → 村社. */
const ALLOWED_CHILDREN: Record<OrgUnitType, readonly OrgUnitType[]> = {
  city: ["district"],
  district: ["town", "fire_team"],
  town: ["station", "fire_team", "micro_station", "village"],
  station: ["village", "micro_station"],
  fire_team: [],
  micro_station: [],
  village: [],
};

export function canContain(parent: OrgUnitType, child: OrgUnitType): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

export function childTypesOf(parent: OrgUnitType): readonly OrgUnitType[] {
  return ALLOWED_CHILDREN[parent];
}

/** The path of a unit given its parent's path: "/1/4/" + 17 → "/1/4/17/". */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** Ids along a path, root first: "/1/4/17/" → [1, 4, 17]. */
export function idsOfPath(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** Is `candidate` the unit at `path` or one of its descendants? (Moving under it would loop.) */
export function isSelfOrDescendant(candidatePath: string, path: string): boolean {
  return candidatePath.startsWith(path);
}
