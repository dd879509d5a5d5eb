// The sites granted with "Suggest on this site", for the options page (to remove them) and the popup.
import type { GrantedSiteView } from '../../core/messages/views';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'sites.list',
  callers: ['popup', 'options'],
  payload: NO_PAYLOAD,
  handle: (_payload, _ctx, s): Promise<GrantedSiteView[]> => s.sites.list(),
});
