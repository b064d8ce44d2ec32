// The fields of the person form, shared by /people/new and /people/:id.
import { Field } from "~/components/form";
import { GENDER_LABELS, GENDERS, POSTS } from "./constants";

export interface PersonFieldValues {
  name?: string;
  employeeNo?: string;
  mobile?: string | null;
  gender?: string | null;
  birthDate?: string | null;
  post?: string;
  tier?: string;
  rank?: string | null;
  orgUnitId?: number | string;
}

export interface PersonFieldOptions {
  tiers: ReadonlyArray<{ code: string; name: string }>;
  units: ReadonlyArray<{ id: number; label: string }>;
}

export function PersonFields({
  values,
  errors,
  options,
}: {
  values: PersonFieldValues;
  errors: Record<string, string | undefined>;
  options: PersonFieldOptions;
}) {
  const v = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return (
    <>
      <div className="form-row">
        <Field label="姓名" name="name" error={errors.name}>
          <input id="name" name="name" defaultValue={v(values.name)} required maxLength={50} autoComplete="off" />
        </Field>
        <Field label="工号" name="employeeNo" error={errors.employeeNo} hint="全市唯一，可用于登录">
          <input id="employeeNo" name="employeeNo" defaultValue={v(values.employeeNo)} required maxLength={32} autoCapitalize="off" autoComplete="off" />
        </Field>
      </div>
      <div className="form-row">
        <Field label="手机" name="mobile" error={errors.mobile} hint="选填，11 位手机号，可用于登录">
          <input id="mobile" name="mobile" defaultValue={v(values.mobile)} inputMode="numeric" maxLength={20} autoComplete="off" />
        </Field>
        <Field label="性别" name="gender" error={errors.gender}>
          <select id="gender" name="gender" defaultValue={v(values.gender)}>
            <option value="">未填写</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {GENDER_LABELS[g]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="出生日期" name="birthDate" error={errors.birthDate}>
          <input id="birthDate" name="birthDate" type="date" defaultValue={v(values.birthDate)} min="1900-01-01" />
        </Field>
      </div>
      <div className="form-row">
        <Field label="岗位" name="post" error={errors.post}>
          <select id="post" name="post" defaultValue={v(values.post)} required>
            <option value="">请选择</option>
            {POSTS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field label="培训层级" name="tier" error={errors.tier}>
          <select id="tier" name="tier" defaultValue={v(values.tier)} required>
            <option value="">请选择</option>
            {options.tiers.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="职级" name="rank" error={errors.rank} hint="选填，机关干部填写">
          <input id="rank" name="rank" defaultValue={v(values.rank)} maxLength={32} />
        </Field>
      </div>
      <Field label="单位" name="orgUnitId" error={errors.orgUnitId}>
        <select id="orgUnitId" name="orgUnitId" defaultValue={v(values.orgUnitId)} required>
          <option value="">请选择</option>
          {options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
