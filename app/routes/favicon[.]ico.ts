import { redirect } from "@remix-run/node";

/** Browsers ask for /favicon.ico by themselves; the icon is an SVG. */
export function loader() {
  return redirect("/favicon.svg", 301);
}
