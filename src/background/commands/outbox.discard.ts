// Deletes an item that will not be delivered: one the practitioner kept after leaving a vendor,
// or one parked for good. Delivered and waiting items cannot be deleted this way.
import * as v from 'valibot';
import { uuid } from '../../core/schema';
import { discard } from '../outbox';
import { command } from './command';

export default command({
  name: 'outbox.discard',
  callers: ['popup'],
  payload: v.strictObject({ id: uuid('id') }),
  async handle({ id }, _ctx, s) {
    const discarded = await discard(await s.db.get(), id);
    if (discarded) s.refreshBadge();
    return { discarded };
  },
});
