// A reference endpoint in its own process, for the kill -9 test: prints one JSON line with its
// URL and admin token once it answers, then serves until killed.
import { startEndpoint } from '../../src/endpoint/server';
import { silentLog } from '../../src/endpoint/context';

const dataDir = process.argv[2]!;
const endpoint = await startEndpoint({ port: 0, dataDir, log: silentLog, rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
process.stdout.write(`${JSON.stringify({ url: endpoint.url, adminToken: endpoint.adminToken })}\n`);
