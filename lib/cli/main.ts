import { DataDirError } from '../store/data-dir';
import { CliError, EXIT_USAGE } from './errors';

/** Each command lives in its own module and is loaded only when asked for. */
type Command = { run(argv: string[]): Promise<number | void>; summary: string };
const commands: Record<string, () => Promise<Command>> = {
  run: () => import('./commands/run'),
  export: () => import('./commands/export'),
  ingest: () => import('./commands/ingest'),
  demo: () => import('./commands/demo'),
  import: () => import('./commands/import'),
  forecast: () => import('./commands/forecast'),
  overrides: () => import('./commands/overrides'),
  pins: () => import('./commands/pins'),
  worker: () => import('./commands/worker'),
};

function usage(): string {
  const names = Object.keys(commands).sort();
  return `usage: stockcast <command> [flags]\ncommands: ${names.join(', ')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`stockcast: unknown command "${name}"\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    return (await command.run(rest)) ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`stockcast ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof DataDirError) {
      process.stderr.write(`stockcast ${name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`stockcast ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
