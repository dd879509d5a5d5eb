// web-ext ships no types; this is the part scripts/lint-extension.ts calls.
declare module 'web-ext' {
  export interface LintMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
  }
  export interface LintResult {
    count: number;
    summary: { errors: number; warnings: number; notices: number };
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }
  const webExt: {
    cmd: {
      lint(
        params: { sourceDir: string; artifactsDir?: string; output?: 'json' | 'text' | 'none'; selfHosted?: boolean; warningsAsErrors?: boolean },
        options?: { shouldExitProgram?: boolean },
      ): Promise<LintResult>;
    };
  };
  export default webExt;
}
