// A value made on first use and shared until reset; a failed attempt is forgotten so the next
// call tries again (a database that failed to open, a catalog that failed to compile).
export class Lazy<T> {
  private current: Promise<T> | null = null;

  constructor(private readonly make: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.current) {
      const attempt = this.make();
      this.current = attempt;
      attempt.catch(() => {
        this.resetIf(attempt);
      });
    }
    return this.current;
  }

  /** Forget the value (if `which` is given, only if it is still the current one). */
  resetIf(which?: Promise<T>): Promise<T> | null {
    const was = this.current;
    if (which === undefined || which === was) this.current = null;
    return was;
  }
}
