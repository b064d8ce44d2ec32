import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { Shell } from "~/components/shell";
import { navigationFor } from "~/modules/auth/navigation";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { getUnit } from "~/modules/org/units.server";
import { requireUser } from "~/utils/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const unit = await getUnit(args.context.db, user.orgUnitId);
  const roles = [...new Set(user.grants.map((g) => ROLE_LABELS[g.role]))].join("、");
  return {
    user: { name: user.name, unitName: unit?.name ?? "", roles },
    nav: navigationFor(user),
  };
}

export default function AppLayout() {
  const { user, nav } = useLoaderData<typeof loader>();
  return (
    <Shell user={user} nav={nav}>
      <Outlet />
    </Shell>
  );
}
