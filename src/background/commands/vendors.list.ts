// Every enrolled vendor as the popup and the options page show it, with the problems to act on.
import type { ProblemView, VendorView } from '../../core/messages/views';
import { listVendors, vendorProblems } from '../reports';
import { command, NO_PAYLOAD } from './command';

export default command({
  name: 'vendors.list',
  callers: ['popup', 'options'],
  payload: NO_PAYLOAD,
  async handle(_payload, _ctx, s): Promise<{ vendors: VendorView[]; problems: ProblemView[] }> {
    const vendors = await listVendors(await s.db.get(), s.now());
    return { vendors, problems: [...s.health.list(), ...vendorProblems(vendors)] };
  },
});
