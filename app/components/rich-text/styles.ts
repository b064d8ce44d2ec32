import type { LinksFunction } from "@remix-run/node";
import styles from "./rich-text.css";

/** Spread into a route's `links` wherever rich text is shown or edited. */
export const richTextLinks: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
