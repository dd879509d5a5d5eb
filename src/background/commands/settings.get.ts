// The practitioner's settings (disclosure wording, what of the page travels, suggestions).
import { readSettings } from '../settings';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'settings.get',
  callers: ['popup', 'options'],
  payload: NO_PAYLOAD,
  handle: async (_payload, _ctx, s) => readSettings(await s.db.get()),
});
