// Saves settings from the options page (and the popup's pause); the disclosure must still say the link is paid.
import { SettingsPatchSchema } from '../../core/messages/settings';
import { writeSettings } from '../settings';
import { command } from './command';

export default command({
  name: 'settings.set',
  callers: ['options', 'popup'],
  payload: SettingsPatchSchema,
  handle: async (patch, _ctx, s) => writeSettings(await s.db.get(), patch),
});
