// The endpoint's log in tests. What a test causes on purpose (a data key generated in a temporary
// folder, a refused request) is kept, not printed, so a passing run stays quiet; an error inside
// the endpoint is still printed, on one line without its stack, since no passing test should
// cause one, and one line is enough to go and look.
import type { Log } from '../src/endpoint/context';

export interface QuietLog extends Log {
  /** Everything logged, in order, for a test that wants to read it. */
  lines: string[];
}

export function quietLog(): QuietLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(`warning: ${m}`),
    error(m, e) {
      const line = `advocate endpoint: ${m}${e instanceof Error ? `: ${e.message}` : e === undefined ? '' : `: ${String(e)}`}`;
      lines.push(line);
      console.error(line);
    },
  };
}
