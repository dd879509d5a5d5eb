// A reference endpoint in its own process, for the kill -9 test (SQLite in the data folder given
// as argument) and the concurrency test (DATABASE_URL, and the secrets every instance of one
// vendor shares: ADMIN_TOKEN, WEBHOOK_SECRET, ADVOCATE_DATA_KEY). Prints one JSON line with its
// URL and admin token once it answers, then serves until killed (ENDPOINT_LOG=1: logs to stderr).
import { startEndpoint } from '../../src/endpoint/server';
import { consoleLog, silentLog } from '../../src/endpoint/context';

const dataDir = process.argv[2]!;
const env = process.env;
const endpoint = await startEndpoint({
  port: 0,
  dataDir,
  log: env.ENDPOINT_LOG === '1' ? consoleLog : silentLog,
  rateLimits: { perIp: false, perToken: false, redirectPerIp: false },
  ...(env.DATABASE_URL ? { database: { kind: 'postgres' as const, url: env.DATABASE_URL } } : {}),
  ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}),
  ...(env.WEBHOOK_SECRET ? { webhookSecret: env.WEBHOOK_SECRET } : {}),
  ...(env.ADVOCATE_DATA_KEY ? { dataKey: Buffer.from(env.ADVOCATE_DATA_KEY, 'base64url') } : {}),
});
process.stdout.write(`${JSON.stringify({ url: endpoint.url, adminToken: endpoint.adminToken })}\n`);
