// "Suggest on this site": the popup asked the browser for this one host (the practitioner's
// click) and it granted it; the content script is registered there from now on, across
// restarts, and runs at once in the tab the popup is about.
import * as v from 'valibot';
import type { GrantedSiteView } from '../../core/messages/views';
import { isDomainName } from '../../core/schema/domain';
import { t } from '../../ui/i18n';
import { CommandFailure } from '../errors';
import { command } from './command';

export default command({
  name: 'sites.grant',
  callers: ['popup'],
  payload: v.strictObject({
    host: v.pipe(v.string('host must be text'), v.check(isDomainName, 'host must be a lower-case domain name such as discuss.example.com')),
    tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  async handle({ host, tabId }, _ctx, s): Promise<GrantedSiteView[]> {
    if (!(await s.sites.grant(host))) throw new CommandFailure('not-granted', t('siteNotGranted', host));
    if (tabId !== undefined) await s.tabAccess.injectContentScript(tabId);
    return s.sites.list();
  },
});
