// `npm run endpoint`: the reference vendor endpoint, configured from the environment
// (src/endpoint/README.md lists the variables). Nothing listens before everything is ready.
import { devExtensionOrigins } from './app';
import { loadConfig } from './config';
import { startEndpoint } from './server';
import { displayAvailable, welcomeText } from './welcome';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(`The endpoint cannot start; fix its configuration:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
const config = loaded.config;
const extensionOrigins = config.extensionOrigins ?? devExtensionOrigins();

let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
try {
  endpoint = await startEndpoint({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    adminToken: config.adminToken,
    webhookSecret: config.webhookSecret,
    dataKey: config.dataKey,
    ...(config.databaseUrl ? { database: { kind: 'postgres' as const, url: config.databaseUrl } } : {}),
    settings: {
      publicUrl: config.publicUrl,
      extensionOrigins,
      exchangeRates: config.exchangeRates,
      trustProxy: config.trustProxy,
      ...(config.attributionDays ? { attributionDays: config.attributionDays } : {}),
    },
  });
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  console.error(`The endpoint cannot start: ${e.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use (set PORT to another one)` : e.message}`);
  process.exit(1);
}
console.log(
  welcomeText({ url: endpoint.url, adminToken: endpoint.adminToken, webhookSecret: endpoint.webhookSecret, demoEnrolmentCode: endpoint.demoEnrolmentCode, dataDir: config.dataDir, extensionOrigins, display: displayAvailable(process.env, process.platform) }),
);

const stop = async () => {
  await endpoint.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
