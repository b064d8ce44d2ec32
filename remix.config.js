/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The custom server (CSRF origin check, security headers, migrations at boot, sweeps) is
  // compiled together with the app into build/index.js, so `node build/index.js` is the whole app.
  server: "./app/server/main.ts",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    // v3_routeConfig needs the Vite compiler (app/routes.ts is loaded through vite-node); the
    // classic compiler this project uses asserts on it, so file-system routes stay.
    v3_routeConfig: false,
  },
};
