// Named steps: a failure says which step of the journey broke, and every step's time is printed.
export interface Timing {
  step: string;
  ms: number;
  ok: boolean;
}

export function stepRunner(context: () => string) {
  const timings: Timing[] = [];
  async function step<T>(n: number, name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let ok = false;
    try {
      const value = await run();
      ok = true;
      return value;
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const tail = context();
      e.message = `step ${n} (${name}): ${e.message}${tail ? `\n--- what the endpoint printed last ---\n${tail}` : ''}`;
      throw e;
    } finally {
      timings.push({ step: `${n}. ${name}`, ms: Math.round(performance.now() - started), ok });
    }
  }
  const report = () => timings.map((t) => `  ${t.step.padEnd(84)} ${String(t.ms).padStart(6)} ms${t.ok ? '' : '  FAILED'}`).join('\n');
  return { step, timings, report };
}
