// Problems with storage the practitioner must hear about. Not kept in IndexedDB, which may be
// what is broken: in memory, mirrored to chrome.storage.session (when given) so a restarted
// worker still shows them. vendors.list, activity.get and the badge read it.
import type { ProblemView } from '../core/messages/views';
import { describeStorageError, type StorageEvent } from './db';
import { t } from '../ui/i18n';
import type { SessionArea } from './tabs';

const SESSION_KEY = 'storage-problems';

export class StorageHealth {
  private readonly problems = new Map<string, ProblemView>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
    private readonly session?: SessionArea,
  ) {}

  /** Restores problems a previous worker recorded; ones reported since take precedence. */
  async restore(): Promise<void> {
    const saved = (await this.session?.get(SESSION_KEY))?.[SESSION_KEY];
    if (!Array.isArray(saved)) return;
    for (const p of saved as ProblemView[]) if (!this.problems.has(p.code)) this.problems.set(p.code, p);
    this.onChange();
  }

  report(code: string, message: string): void {
    this.problems.set(code, { code, message, at: new Date(this.now()).toISOString() });
    this.changed();
  }

  clear(code: string): void {
    if (this.problems.delete(code)) this.changed();
  }

  private changed(): void {
    void this.session?.set({ [SESSION_KEY]: this.list() }).catch(() => {});
    this.onChange();
  }

  list(): ProblemView[] {
    return [...this.problems.values()];
  }

  /** Wired to DbHandle's onEvent. */
  readonly onStorageEvent = (event: StorageEvent): void => {
    switch (event.kind) {
      case 'blocked':
        this.report('storage-blocked', t('storageBlocked'));
        break;
      case 'terminated':
        this.report('storage-closed', t('storageClosedByBrowser'));
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
