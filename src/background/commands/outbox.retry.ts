// Puts a parked item back in the queue (offered only where a retry can succeed).
import * as v from 'valibot';
import { uuid } from '../../core/schema';
import { requeue } from '../outbox';
import { command } from './command';

export default command({
  name: 'outbox.retry',
  callers: ['popup'],
  payload: v.strictObject({ id: uuid('id') }),
  async handle({ id }, _ctx, s) {
    const requeued = await requeue(await s.db.get(), id);
    if (requeued) {
      s.kick();
      s.refreshBadge();
    }
    return { requeued };
  },
});
