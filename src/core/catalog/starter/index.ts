// The starter catalog bundled with the extension, so detection works before any enrolment: one
// JSON file per vendor, each exactly what that vendor could publish as its own catalog (which
// then replaces it). Checked by the catalog schema at build (vite.config.ts), in tests and by
// `npm run catalog -- check`; how to propose a product or a correction is in CONTRIBUTING.md.
//
// COMMISSION TERMS ARE EXAMPLES: vendors do not publish referral terms, so every `commission`
// is a placeholder until the vendor enrols and publishes its own catalog.

import type { Catalog, Vendor } from '../schema';
import oracle from './oracle.json' with { type: 'json' };
import mariadb from './mariadb.json' with { type: 'json' };
import edb from './edb.json' with { type: 'json' };
import aiven from './aiven.json' with { type: 'json' };
import redis from './redis.json' with { type: 'json' };
import elastic from './elastic.json' with { type: 'json' };
import grafanaLabs from './grafana-labs.json' with { type: 'json' };
import confluent from './confluent.json' with { type: 'json' };
import gitlab from './gitlab.json' with { type: 'json' };
import nextcloud from './nextcloud.json' with { type: 'json' };
import odoo from './odoo.json' with { type: 'json' };
import automattic from './automattic.json' with { type: 'json' };
import acquia from './acquia.json' with { type: 'json' };
import redHat from './red-hat.json' with { type: 'json' };
import f5 from './f5.json' with { type: 'json' };
import clickhouse from './clickhouse.json' with { type: 'json' };
import datastax from './datastax.json' with { type: 'json' };
import broadcom from './broadcom.json' with { type: 'json' };
import mattermost from './mattermost.json' with { type: 'json' };
import innocraft from './innocraft.json' with { type: 'json' };
import metabase from './metabase.json' with { type: 'json' };
import preset from './preset.json' with { type: 'json' };
import astronomer from './astronomer.json' with { type: 'json' };
import databricks from './databricks.json' with { type: 'json' };
import neo4j from './neo4j.json' with { type: 'json' };
import cloudbees from './cloudbees.json' with { type: 'json' };
import temporal from './temporal.json' with { type: 'json' };
import traefikLabs from './traefik-labs.json' with { type: 'json' };
import kong from './kong.json' with { type: 'json' };
import moodle from './moodle.json' with { type: 'json' };
import adobe from './adobe.json' with { type: 'json' };
import liferay from './liferay.json' with { type: 'json' };
import minio from './minio.json' with { type: 'json' };
import ibm from './ibm.json' with { type: 'json' };
import supabase from './supabase.json' with { type: 'json' };
import planetscale from './planetscale.json' with { type: 'json' };
import synadia from './synadia.json' with { type: 'json' };
import cdck from './cdck.json' with { type: 'json' };

/** Each vendor file as it was read, in catalog order (a new file is listed here too). */
export const STARTER_FILES: readonly { file: string; vendor: unknown }[] = [
  { file: 'oracle.json', vendor: oracle },
  { file: 'mariadb.json', vendor: mariadb },
  { file: 'edb.json', vendor: edb },
  { file: 'aiven.json', vendor: aiven },
  { file: 'redis.json', vendor: redis },
  { file: 'elastic.json', vendor: elastic },
  { file: 'grafana-labs.json', vendor: grafanaLabs },
  { file: 'confluent.json', vendor: confluent },
  { file: 'gitlab.json', vendor: gitlab },
  { file: 'nextcloud.json', vendor: nextcloud },
  { file: 'odoo.json', vendor: odoo },
  { file: 'automattic.json', vendor: automattic },
  { file: 'acquia.json', vendor: acquia },
  { file: 'red-hat.json', vendor: redHat },
  { file: 'f5.json', vendor: f5 },
  { file: 'clickhouse.json', vendor: clickhouse },
  { file: 'datastax.json', vendor: datastax },
  { file: 'broadcom.json', vendor: broadcom },
  { file: 'mattermost.json', vendor: mattermost },
  { file: 'innocraft.json', vendor: innocraft },
  { file: 'metabase.json', vendor: metabase },
  { file: 'preset.json', vendor: preset },
  { file: 'astronomer.json', vendor: astronomer },
  { file: 'databricks.json', vendor: databricks },
  { file: 'neo4j.json', vendor: neo4j },
  { file: 'cloudbees.json', vendor: cloudbees },
  { file: 'temporal.json', vendor: temporal },
  { file: 'traefik-labs.json', vendor: traefikLabs },
  { file: 'kong.json', vendor: kong },
  { file: 'moodle.json', vendor: moodle },
  { file: 'adobe.json', vendor: adobe },
  { file: 'liferay.json', vendor: liferay },
  { file: 'minio.json', vendor: minio },
  { file: 'ibm.json', vendor: ibm },
  { file: 'supabase.json', vendor: supabase },
  { file: 'planetscale.json', vendor: planetscale },
  { file: 'synadia.json', vendor: synadia },
  { file: 'cdck.json', vendor: cdck },
];

/** Typed without a run-time parse: the build and the tests reject a file the schema does not accept. */
export const starterCatalog: Catalog = { schemaVersion: 1, vendors: STARTER_FILES.map((f) => f.vendor as Vendor) };
