// The practitioner's own data as a JSON file (referrals, deals, settings; never a secret).
import { exportData } from '../transfer';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'data.export',
  callers: ['options'],
  payload: NO_PAYLOAD,
  handle: async (_payload, _ctx, s) => exportData(await s.db.get(), s.now()),
});
