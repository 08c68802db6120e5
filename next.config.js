// Native and worker-spawning packages must stay outside the server bundle: better-sqlite3 loads a
// .node binary, piscina and tsx resolve worker files on disk at run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', 'piscina', 'tsx', 'pino', 'exceljs', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
