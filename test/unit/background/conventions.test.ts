// One command, one file: every file in src/background/commands/ is a registered command, has a
// row in DESIGN.md's command table naming who may call it, and has its own test file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/background/commands';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIR = resolve(ROOT, 'src/background/commands');
/** Files in the folder that are not commands: the registry and the shape every command file has. */
const NOT_COMMANDS = new Set(['index.ts', 'command.ts']);

const commandFiles = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NOT_COMMANDS.has(f));
const design = readFileSync(resolve(ROOT, 'DESIGN.md'), 'utf8');

/** DESIGN.md rows like "| `page.detected` | content | …" → name → callers. */
function documentedCommands(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const m of design.matchAll(/^ *\| `([a-z]+\.[A-Za-z]+)` \| ([a-z, ]+) \|/gm)) rows.set(m[1]!, m[2]!.split(',').map((s) => s.trim()));
  return rows;
}

describe('command conventions', () => {
  it.each(commandFiles)('%s is registered under its file name', async (file) => {
    const name = file.replace(/\.ts$/, '');
    const own = (await import(resolve(DIR, file))).default;
    expect(own?.name, `${file} must default-export command({ name: '${name}', … })`).toBe(name);
    expect(COMMANDS.get(name), `${name} is not in the registry (src/background/commands/index.ts)`).toBe(own);
  });

  it('every registered command has its own file', () => {
    expect([...COMMANDS.keys()].sort()).toEqual(commandFiles.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it.each(commandFiles)('%s is documented in DESIGN.md with who may call it', (file) => {
    const name = file.replace(/\.ts$/, '');
    const callers = documentedCommands().get(name);
    expect(callers, `add a row "| \`${name}\` | callers | what it does |" to DESIGN.md's command table`).toBeDefined();
    expect(callers!.sort()).toEqual([...COMMANDS.get(name)!.callers].sort());
  });

  it.each(commandFiles)('%s has a test file', (file) => {
    const test = `test/unit/background/commands/${file.replace(/\.ts$/, '.test.ts')}`;
    expect(existsSync(resolve(ROOT, test)), `write ${test}`).toBe(true);
  });

  it('the table documents no command that does not exist', () => {
    expect([...documentedCommands().keys()].filter((name) => !COMMANDS.has(name))).toEqual([]);
  });
});
