// "Sync now": delivers what waits and refreshes clicks and conversions, ignoring backoff waits.
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'sync.now',
  callers: ['popup'],
  payload: NO_PAYLOAD,
  async handle(_payload, _ctx, s) {
    const report = await s.syncer.syncAll({ force: true });
    s.refreshBadge();
    return report;
  },
});
