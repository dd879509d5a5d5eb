// Puts a parked item back in the queue, only where a retry can succeed (see canRetry).
import * as v from 'valibot';
import { uuid } from '../../core/schema';
import { canRetry, requeue } from '../outbox';
import { command } from './command';

export default command({
  name: 'outbox.retry',
  callers: ['popup'],
  payload: v.strictObject({ id: uuid('id') }),
  async handle({ id }, _ctx, s) {
    const db = await s.db.get();
    const vendors = new Map((await db.getAll('vendors')).map((v) => [v.id, v]));
    const requeued = await requeue(db, id, (record) => canRetry(record, vendors.get(record.vendorId)));
    if (requeued) {
      s.kick();
      s.refreshBadge();
    }
    return { requeued };
  },
});
