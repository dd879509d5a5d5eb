// `npm run endpoint`: the reference vendor endpoint on embedded defaults.
import { resolve } from 'node:path';
import { startEndpoint } from './server';

const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.DATA_DIR ?? './data');

const endpoint = await startEndpoint({ port, dataDir });
console.log(`Advocate reference vendor endpoint listening on ${endpoint.url}`);
console.log(`  data:        ${dataDir}`);
console.log(`  catalog:     ${endpoint.url}/v1/catalog`);
console.log(`  dashboard:   ${endpoint.url}/dashboard/`);
console.log(`  admin token: ${endpoint.adminToken}   (also in ${dataDir}/admin-token)`);
console.log(`  webhook secret: ${endpoint.webhookSecret}   (also in ${dataDir}/webhook-secret)`);
if (endpoint.demoEnrolmentCode) console.log(`  demo practitioner enrolment code: ${endpoint.demoEnrolmentCode}`);
else console.log('  demo practitioner: already enrolled');

const stop = async () => {
  await endpoint.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
