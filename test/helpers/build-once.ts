// Integration tests run against a production build; make one when the sources changed.
export default async function setup(): Promise<void> {
  // @ts-expect-error plain ESM script without types
  const { ensureBuild } = await import('../../bin/build.mjs');
  ensureBuild({ quiet: true });
}
