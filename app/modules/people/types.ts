import type { Gender } from "#db/schema";
import type { Post } from "./constants";

/** A person's own fields as the forms and the import produce them, validated and normalised. */
export interface PersonInput {
  name: string;
  employeeNo: string;
  mobile: string | null;
  gender: Gender | null;
  birthDate: string | null;
  post: Post;
  tier: string;
  rank: string | null;
  orgUnitId: number;
}

/** The `persons` columns a PersonInput sets. */
export function personColumns(input: PersonInput) {
  return {
    name: input.name,
    employee_no: input.employeeNo,
    mobile: input.mobile,
    gender: input.gender,
    birth_date: input.birthDate,
    post: input.post,
    tier: input.tier,
    rank: input.rank,
    org_unit_id: input.orgUnitId,
  };
}
