// Problems with storage the practitioner must hear about. Kept in memory because the database
// itself may be what is broken; vendors.list, activity.get and the badge read it.
import type { ProblemView } from '../core/messages/views';
import { describeStorageError, type StorageEvent } from './db';

export class StorageHealth {
  private readonly problems = new Map<string, ProblemView>();

  constructor(private readonly now: () => number, private readonly onChange: () => void = () => {}) {}

  report(code: string, message: string): void {
    this.problems.set(code, { code, message, at: new Date(this.now()).toISOString() });
    this.onChange();
  }

  clear(code: string): void {
    if (this.problems.delete(code)) this.onChange();
  }

  list(): ProblemView[] {
    return [...this.problems.values()];
  }

  /** Wired to DbHandle's onEvent. */
  readonly onStorageEvent = (event: StorageEvent): void => {
    switch (event.kind) {
      case 'blocked':
        this.report('storage-blocked', 'Advocate is waiting for an older copy of itself to close its database. Close other Advocate tabs or restart the browser.');
        break;
      case 'terminated':
        this.report('storage-closed', 'The browser closed Advocate’s database unexpectedly. Nothing already saved was lost; Advocate reopens it on the next action.');
        break;
      case 'opened':
        this.clear('storage-closed');
        this.clear('storage-blocked');
        break;
      case 'closed-for-upgrade':
        break;
    }
  };

  /** Records a failed write and returns the error to answer with. */
  writeFailed(error: unknown): { code: string; message: string } {
    const described = describeStorageError(error);
    this.report(described.code, described.message);
    return described;
  }

  writeSucceeded(): void {
    this.clear('storage-full');
    this.clear('storage-error');
  }
}
