// A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, listening on loopback
// only, on a free port, stopped and deleted afterwards. Uses Debian's server binaries
// (apt-get install postgresql); nothing is downloaded. As root it runs the server as the
// `postgres` user the Debian package creates, because PostgreSQL refuses to run as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://…@127.0.0.1:PORT/advocate */
  url: string;
  port: number;
  stop(): void;
}

export class PostgresUnavailable extends Error {
  override name = 'PostgresUnavailable';
}

function serverBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new PostgresUnavailable(
    'No PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin). Install them with `sudo apt-get install -y postgresql`, or set PG_BIN to the folder holding initdb and pg_ctl.',
  );
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function runAs(user: string | null, cmd: string, args: string[]): void {
  const [file, argv] = user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new PostgresUnavailable(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = serverBin();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'advocate-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  runAs(user, join(bin, 'initdb'), ['-D', data, '-U', 'advocate', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
  runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  runAs(user, join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'advocate', 'advocate']);
  let stopped = false;
  return {
    url: `postgres://advocate@127.0.0.1:${port}/advocate`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
