// The options page removes a granted site: its content script stops there and its permission is
// given back to the browser (kept only when an enrolled vendor's endpoint is on that host).
import * as v from 'valibot';
import type { GrantedSiteView } from '../../core/messages/views';
import { isDomainName } from '../../core/schema/domain';
import { parseEndpointUrl } from '../../core/schema/url';
import { command } from './command';

export default command({
  name: 'sites.remove',
  callers: ['options'],
  payload: v.strictObject({ host: v.pipe(v.string('host must be text'), v.check(isDomainName, 'host must be a domain name')) }),
  async handle({ host }, _ctx, s): Promise<GrantedSiteView[]> {
    const endpoints = (await (await s.db.get()).getAll('vendors')).map((vendor) => parseEndpointUrl(vendor.endpoint));
    await s.sites.remove(host, new Set(endpoints.flatMap((e) => (e.ok ? [e.permissionPattern] : []))));
    return s.sites.list();
  },
});
