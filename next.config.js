// Native and worker-spawning packages must stay outside the server bundle: better-sqlite3 loads a
// .node binary, piscina and tsx resolve worker files on disk at run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', 'piscina', 'tsx', 'pino', 'exceljs', 'prom-client', 'pg-boss'],
  // STOCKCAST_DIST_DIR lets parallel checkouts or test runs keep separate builds.
  distDir: process.env.STOCKCAST_DIST_DIR || '.next',
  // `npm test` type-checks the whole project (app, lib, tests, bin) in one `tsc` step first.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
