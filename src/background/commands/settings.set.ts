// Saves settings from the options page (and the popup's pause); the disclosure must still say the link is paid.
import { SettingsPatchSchema } from '../../core/messages/settings';
import { refreshToolbars } from '../pages';
import { writeSettings } from '../settings';
import { command } from './command';

export default command({
  name: 'settings.set',
  callers: ['options', 'popup'],
  payload: SettingsPatchSchema,
  async handle(patch, _ctx, s) {
    const saved = await writeSettings(await s.db.get(), patch);
    await refreshToolbars(s); // a pause or a mute shows on every open tab's icon at once
    return saved;
  },
});
