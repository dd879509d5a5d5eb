// The starter catalog bundled with the extension, so detection works before any enrolment.
// Projects, repositories, packages, images, sites, subreddits and tags are public facts; an
// entry is left out when it is generic, shared by unrelated projects, or not certain.
//
// COMMISSION TERMS ARE EXAMPLES. Vendors do not publish referral terms; every `commission`
// below is a plausible placeholder until the vendor enrols and publishes its own catalog,
// which replaces its starter entry. Offer URLs were written from public product pages and
// should be re-checked by the catalog maintainer on each release.
//
// Validated by test/unit/catalog/starter.test.ts (not at runtime), and typed as Catalog here.

import type { Catalog, Offer, Product, Vendor } from './schema';

type Project = Omit<Product, 'offers'>;
type Period = Offer['commission']['period'];

const SO = 'stackoverflow.com';
const DBA = 'dba.stackexchange.com';
const SF = 'serverfault.com';

/** Open-source projects, each described once and offered by one or more vendors. */
const projects = {
  mysql: {
    id: 'mysql',
    name: 'MySQL',
    description: 'Open-source relational database.',
    signals: {
      repositories: ['https://github.com/mysql/mysql-server'],
      githubOrgs: ['mysql'],
      packages: {
        npm: ['@mysql/xdevapi'],
        pypi: ['mysql-connector-python'],
        maven: ['com.mysql:mysql-connector-j', 'mysql:mysql-connector-java'],
        nuget: ['MySql.Data'],
      },
      images: ['_/mysql', 'mysql/mysql-server'],
      homepages: ['www.mysql.com'],
      docs: ['dev.mysql.com'],
      forums: ['forums.mysql.com', 'bugs.mysql.com'],
      mailingLists: ['lists.mysql.com'],
      subreddits: ['mysql'],
      stackExchange: [
        { site: SO, tags: ['mysql'] },
        { site: DBA, tags: ['mysql'] },
        { site: SF, tags: ['mysql'] },
      ],
    },
  },
  mariadb: {
    id: 'mariadb',
    name: 'MariaDB Server',
    description: 'Community-developed relational database, forked from MySQL.',
    signals: {
      repositories: ['https://github.com/MariaDB/server'],
      githubOrgs: ['MariaDB'],
      packages: { npm: ['mariadb'], pypi: ['mariadb'], maven: ['org.mariadb.jdbc:mariadb-java-client'] },
      images: ['_/mariadb'],
      homepages: ['mariadb.org'],
      docs: ['mariadb.com/kb', 'mariadb.com/docs'],
      forums: ['jira.mariadb.org'],
      mailingLists: ['lists.mariadb.org'],
      subreddits: ['mariadb'],
      stackExchange: [
        { site: SO, tags: ['mariadb'] },
        { site: DBA, tags: ['mariadb'] },
      ],
    },
    funding: [{ platform: 'other', url: 'https://mariadb.org/donate/' }],
  },
  postgresql: {
    id: 'postgresql',
    name: 'PostgreSQL',
    description: 'Open-source object-relational database.',
    signals: {
      repositories: ['https://github.com/postgres/postgres', 'https://github.com/pgjdbc/pgjdbc'],
      githubOrgs: ['postgres'],
      packages: { maven: ['org.postgresql:postgresql'] },
      images: ['_/postgres'],
      homepages: ['www.postgresql.org'],
      docs: ['www.postgresql.org/docs', 'wiki.postgresql.org', 'jdbc.postgresql.org'],
      mailingLists: ['www.postgresql.org/list', 'www.postgresql.org/message-id', 'postgr.es/m'],
      subreddits: ['PostgreSQL'],
      stackExchange: [
        { site: SO, tags: ['postgresql'] },
        { site: DBA, tags: ['postgresql'] },
        { site: SF, tags: ['postgresql'] },
      ],
    },
    funding: [{ platform: 'other', url: 'https://www.postgresql.org/about/donate/' }],
  },
  redis: {
    id: 'redis',
    name: 'Redis',
    description: 'In-memory data store used as a database, cache and message broker.',
    signals: {
      repositories: [
        'https://github.com/redis/redis',
        'https://github.com/redis/node-redis',
        'https://github.com/redis/redis-py',
        'https://github.com/redis/go-redis',
        'https://github.com/redis/jedis',
      ],
      githubOrgs: ['redis'],
      packages: {
        npm: ['redis', 'ioredis'],
        pypi: ['redis'],
        go: ['github.com/redis/go-redis/v9'],
        maven: ['redis.clients:jedis', 'io.lettuce:lettuce-core'],
        rubygems: ['redis'],
        nuget: ['NRedisStack'],
      },
      images: ['_/redis', 'redis/redis-stack'],
      homepages: ['redis.io'],
      docs: ['redis.io/docs'],
      subreddits: ['redis'],
      stackExchange: [{ site: SO, tags: ['redis'] }],
    },
  },
  elasticsearch: {
    id: 'elasticsearch',
    name: 'Elasticsearch',
    description: 'Distributed search and analytics engine.',
    signals: {
      repositories: [
        'https://github.com/elastic/elasticsearch',
        'https://github.com/elastic/elasticsearch-js',
        'https://github.com/elastic/elasticsearch-py',
      ],
      githubOrgs: ['elastic'],
      packages: {
        npm: ['@elastic/elasticsearch'],
        pypi: ['elasticsearch'],
        maven: ['co.elastic.clients:elasticsearch-java'],
        go: ['github.com/elastic/go-elasticsearch/v8', 'github.com/elastic/go-elasticsearch/v9'],
        rubygems: ['elasticsearch'],
        packagist: ['elasticsearch/elasticsearch'],
        nuget: ['Elastic.Clients.Elasticsearch'],
        crates: ['elasticsearch'],
      },
      images: ['_/elasticsearch'],
      homepages: ['www.elastic.co/elasticsearch'],
      docs: ['www.elastic.co/guide', 'www.elastic.co/docs'],
      forums: ['discuss.elastic.co'],
      subreddits: ['elasticsearch'],
      stackExchange: [{ site: SO, tags: ['elasticsearch'] }],
    },
  },
  opensearch: {
    id: 'opensearch',
    name: 'OpenSearch',
    description: 'Community-driven search and analytics suite forked from Elasticsearch and Kibana.',
    signals: {
      repositories: [
        'https://github.com/opensearch-project/OpenSearch',
        'https://github.com/opensearch-project/OpenSearch-Dashboards',
      ],
      githubOrgs: ['opensearch-project'],
      packages: {
        npm: ['@opensearch-project/opensearch'],
        pypi: ['opensearch-py'],
        maven: ['org.opensearch.client:opensearch-java'],
        go: ['github.com/opensearch-project/opensearch-go/v4'],
        rubygems: ['opensearch-ruby'],
      },
      images: ['opensearchproject/opensearch', 'opensearchproject/opensearch-dashboards'],
      homepages: ['opensearch.org'],
      docs: ['docs.opensearch.org', 'opensearch.org/docs'],
      forums: ['forum.opensearch.org'],
      stackExchange: [{ site: SO, tags: ['opensearch'] }],
    },
  },
  grafana: {
    id: 'grafana',
    name: 'Grafana',
    description: 'Open-source dashboards and visualisation for metrics, logs and traces.',
    signals: {
      repositories: ['https://github.com/grafana/grafana'],
      githubOrgs: ['grafana'],
      packages: { npm: ['@grafana/ui', '@grafana/data', '@grafana/runtime'] },
      images: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
      homepages: ['grafana.com/grafana'],
      docs: ['grafana.com/docs'],
      forums: ['community.grafana.com'],
      subreddits: ['grafana'],
      stackExchange: [{ site: SO, tags: ['grafana'] }],
    },
  },
  kafka: {
    id: 'kafka',
    name: 'Apache Kafka',
    description: 'Distributed event streaming platform.',
    signals: {
      repositories: ['https://github.com/apache/kafka'],
      packages: {
        maven: ['org.apache.kafka:kafka-clients', 'org.apache.kafka:kafka-streams'],
        pypi: ['confluent-kafka'],
        go: ['github.com/confluentinc/confluent-kafka-go/v2'],
      },
      images: ['apache/kafka'],
      homepages: ['kafka.apache.org'],
      subreddits: ['apachekafka'],
      stackExchange: [{ site: SO, tags: ['apache-kafka', 'apache-kafka-streams'] }],
    },
  },
  gitlab: {
    id: 'gitlab',
    name: 'GitLab',
    description: 'DevSecOps platform: Git hosting, CI/CD and issue tracking.',
    signals: {
      repositories: [
        'https://gitlab.com/gitlab-org/gitlab',
        'https://gitlab.com/gitlab-org/gitlab-foss',
        'https://gitlab.com/gitlab-org/gitlab-runner',
        'https://github.com/gitlabhq/gitlabhq',
      ],
      githubOrgs: ['gitlabhq'],
      images: ['gitlab/gitlab-ce', 'gitlab/gitlab-ee', 'gitlab/gitlab-runner'],
      homepages: ['about.gitlab.com'],
      docs: ['docs.gitlab.com'],
      forums: ['forum.gitlab.com'],
      subreddits: ['gitlab'],
      stackExchange: [{ site: SO, tags: ['gitlab', 'gitlab-ci'] }],
    },
  },
  nextcloud: {
    id: 'nextcloud',
    name: 'Nextcloud',
    description: 'Self-hosted file sync, sharing and collaboration platform.',
    signals: {
      repositories: [
        'https://github.com/nextcloud/server',
        'https://github.com/nextcloud/desktop',
        'https://github.com/nextcloud/android',
      ],
      githubOrgs: ['nextcloud'],
      packages: { npm: ['@nextcloud/vue'] },
      images: ['_/nextcloud', 'nextcloud/all-in-one'],
      homepages: ['nextcloud.com', 'apps.nextcloud.com'],
      docs: ['docs.nextcloud.com'],
      forums: ['help.nextcloud.com'],
      subreddits: ['NextCloud'],
      stackExchange: [{ site: SO, tags: ['nextcloud'] }],
    },
  },
  odoo: {
    id: 'odoo',
    name: 'Odoo',
    description: 'Open-source suite of business apps (ERP, CRM, accounting, e-commerce).',
    signals: {
      repositories: ['https://github.com/odoo/odoo'],
      githubOrgs: ['odoo'],
      images: ['_/odoo'],
      // Not the bare host: customers' own Odoo sites live on subdomains of odoo.com.
      homepages: ['www.odoo.com/app', 'apps.odoo.com'],
      docs: ['www.odoo.com/documentation'],
      forums: ['www.odoo.com/forum'],
      subreddits: ['Odoo'],
      stackExchange: [{ site: SO, tags: ['odoo'] }],
    },
  },
  wordpress: {
    id: 'wordpress',
    name: 'WordPress',
    description: 'Open-source content management system for websites and blogs.',
    signals: {
      repositories: [
        'https://github.com/WordPress/wordpress-develop',
        'https://github.com/WordPress/WordPress',
        'https://github.com/WordPress/gutenberg',
      ],
      githubOrgs: ['WordPress'],
      packages: { npm: ['@wordpress/scripts', '@wordpress/components', '@wordpress/block-editor'] },
      images: ['_/wordpress'],
      homepages: ['wordpress.org'],
      docs: ['developer.wordpress.org'],
      forums: ['wordpress.org/support', 'wordpress.stackexchange.com'],
      subreddits: ['Wordpress'],
      stackExchange: [
        { site: SO, tags: ['wordpress'] },
        // A site about WordPress alone: any of its tags means WordPress (the most used ones).
        {
          site: 'wordpress.stackexchange.com',
          tags: ['wp-query', 'custom-post-types', 'plugin-development', 'theme-development', 'block-editor', 'multisite', 'rest-api', 'shortcode', 'taxonomy', 'custom-field', 'hooks', 'wp-admin', 'functions', 'plugins', 'menus', 'permalinks', 'woocommerce-offtopic'],
        },
      ],
    },
  },
  drupal: {
    id: 'drupal',
    name: 'Drupal',
    description: 'Open-source content management framework.',
    signals: {
      repositories: ['https://github.com/drupal/drupal'],
      githubOrgs: ['drupal'],
      packages: { packagist: ['drupal/core', 'drupal/core-recommended'] },
      images: ['_/drupal'],
      homepages: ['www.drupal.org'],
      docs: ['www.drupal.org/docs', 'api.drupal.org'],
      forums: ['www.drupal.org/forum', 'drupal.stackexchange.com'],
      subreddits: ['drupal'],
      stackExchange: [
        { site: SO, tags: ['drupal'] },
        // A site about Drupal alone; its version tags are bare numbers.
        {
          site: 'drupal.stackexchange.com',
          tags: ['7', '8', '9', '10', 'views', 'entities', 'forms', 'theming', 'routes', 'nodes', 'fields', 'blocks', 'caching', 'drush', 'migration', 'taxonomy', 'webforms', 'paragraphs'],
        },
      ],
    },
  },
  ansible: {
    id: 'ansible',
    name: 'Ansible',
    description: 'Agentless IT automation and configuration management.',
    signals: {
      repositories: ['https://github.com/ansible/ansible'],
      githubOrgs: ['ansible'],
      packages: { pypi: ['ansible', 'ansible-core', 'ansible-lint'] },
      homepages: ['www.ansible.com', 'galaxy.ansible.com'],
      docs: ['docs.ansible.com'],
      forums: ['forum.ansible.com'],
      subreddits: ['ansible'],
      stackExchange: [
        { site: SO, tags: ['ansible'] },
        { site: SF, tags: ['ansible'] },
      ],
    },
  },
  kubernetes: {
    id: 'kubernetes',
    name: 'Kubernetes',
    description: 'Container orchestration system.',
    signals: {
      repositories: ['https://github.com/kubernetes/kubernetes'],
      githubOrgs: ['kubernetes', 'kubernetes-sigs'],
      packages: {
        go: ['k8s.io/client-go', 'k8s.io/api', 'k8s.io/apimachinery'],
        pypi: ['kubernetes'],
        npm: ['@kubernetes/client-node'],
        maven: ['io.kubernetes:client-java'],
      },
      homepages: ['kubernetes.io'],
      docs: ['kubernetes.io/docs'],
      forums: ['discuss.kubernetes.io'],
      subreddits: ['kubernetes'],
      stackExchange: [
        { site: SO, tags: ['kubernetes'] },
        { site: SF, tags: ['kubernetes'] },
      ],
    },
  },
  nginx: {
    id: 'nginx',
    name: 'NGINX',
    description: 'Web server, reverse proxy and load balancer.',
    signals: {
      repositories: ['https://github.com/nginx/nginx'],
      githubOrgs: ['nginx'],
      images: ['_/nginx'],
      homepages: ['nginx.org'],
      docs: ['docs.nginx.com'],
      mailingLists: ['mailman.nginx.org'],
      subreddits: ['nginx'],
      stackExchange: [
        { site: SO, tags: ['nginx'] },
        { site: SF, tags: ['nginx'] },
      ],
    },
  },
  clickhouse: {
    id: 'clickhouse',
    name: 'ClickHouse',
    description: 'Column-oriented database for real-time analytics.',
    signals: {
      repositories: ['https://github.com/ClickHouse/ClickHouse'],
      githubOrgs: ['ClickHouse'],
      packages: {
        pypi: ['clickhouse-connect'],
        npm: ['@clickhouse/client'],
        go: ['github.com/ClickHouse/clickhouse-go/v2'],
        maven: ['com.clickhouse:clickhouse-jdbc'],
      },
      images: ['clickhouse/clickhouse-server'],
      homepages: ['clickhouse.com'],
      docs: ['clickhouse.com/docs'],
      subreddits: ['Clickhouse'],
      stackExchange: [{ site: SO, tags: ['clickhouse'] }],
    },
  },
  cassandra: {
    id: 'cassandra',
    name: 'Apache Cassandra',
    description: 'Distributed wide-column NoSQL database.',
    signals: {
      repositories: ['https://github.com/apache/cassandra'],
      packages: {
        maven: ['org.apache.cassandra:java-driver-core', 'com.datastax.oss:java-driver-core'],
        pypi: ['cassandra-driver'],
        npm: ['cassandra-driver'],
      },
      images: ['_/cassandra'],
      homepages: ['cassandra.apache.org'],
      stackExchange: [
        { site: SO, tags: ['cassandra'] },
        { site: DBA, tags: ['cassandra'] },
      ],
    },
  },
  rabbitmq: {
    id: 'rabbitmq',
    name: 'RabbitMQ',
    description: 'Open-source message broker (AMQP, MQTT, STOMP, streams).',
    signals: {
      repositories: ['https://github.com/rabbitmq/rabbitmq-server'],
      githubOrgs: ['rabbitmq'],
      packages: {
        maven: ['com.rabbitmq:amqp-client'],
        nuget: ['RabbitMQ.Client'],
        go: ['github.com/rabbitmq/amqp091-go'],
      },
      images: ['_/rabbitmq'],
      homepages: ['www.rabbitmq.com'],
      docs: ['www.rabbitmq.com/docs'],
      subreddits: ['rabbitmq'],
      stackExchange: [{ site: SO, tags: ['rabbitmq'] }],
    },
  },
  keycloak: {
    id: 'keycloak',
    name: 'Keycloak',
    description: 'Open-source identity and access management (SSO, OpenID Connect, SAML).',
    signals: {
      repositories: ['https://github.com/keycloak/keycloak'],
      githubOrgs: ['keycloak'],
      packages: { npm: ['keycloak-js'], maven: ['org.keycloak:keycloak-core', 'org.keycloak:keycloak-admin-client'] },
      homepages: ['www.keycloak.org'],
      docs: ['www.keycloak.org/docs'],
      subreddits: ['KeyCloak'],
      stackExchange: [{ site: SO, tags: ['keycloak'] }],
    },
  },
  mattermost: {
    id: 'mattermost',
    name: 'Mattermost',
    description: 'Self-hosted team chat and collaboration platform.',
    signals: {
      repositories: ['https://github.com/mattermost/mattermost'],
      githubOrgs: ['mattermost'],
      images: ['mattermost/mattermost-team-edition', 'mattermost/mattermost-enterprise-edition'],
      // Not mattermost.com itself: customers' cloud workspaces live on its subdomains.
      docs: ['docs.mattermost.com'],
      forums: ['forum.mattermost.com'],
      subreddits: ['Mattermost'],
      stackExchange: [{ site: SO, tags: ['mattermost'] }],
    },
  },
  matomo: {
    id: 'matomo',
    name: 'Matomo',
    description: 'Open-source web analytics that keeps data ownership with the site owner.',
    signals: {
      repositories: ['https://github.com/matomo-org/matomo'],
      githubOrgs: ['matomo-org'],
      packages: { packagist: ['matomo/matomo-php-tracker'] },
      images: ['_/matomo'],
      homepages: ['matomo.org'],
      docs: ['developer.matomo.org'],
      forums: ['forum.matomo.org'],
      stackExchange: [{ site: SO, tags: ['matomo'] }],
    },
  },
  metabase: {
    id: 'metabase',
    name: 'Metabase',
    description: 'Open-source business intelligence and dashboards.',
    signals: {
      repositories: ['https://github.com/metabase/metabase'],
      githubOrgs: ['metabase'],
      packages: { npm: ['@metabase/embedding-sdk-react'] },
      images: ['metabase/metabase', 'metabase/metabase-enterprise'],
      homepages: ['www.metabase.com'],
      docs: ['www.metabase.com/docs'],
      forums: ['discourse.metabase.com'],
      stackExchange: [{ site: SO, tags: ['metabase'] }],
    },
  },
  superset: {
    id: 'superset',
    name: 'Apache Superset',
    description: 'Open-source data exploration and visualisation platform.',
    signals: {
      repositories: ['https://github.com/apache/superset'],
      packages: { pypi: ['apache-superset'] },
      images: ['apache/superset'],
      homepages: ['superset.apache.org'],
      stackExchange: [{ site: SO, tags: ['apache-superset'] }],
    },
  },
  airflow: {
    id: 'airflow',
    name: 'Apache Airflow',
    description: 'Platform to author, schedule and monitor workflows as Python code.',
    signals: {
      repositories: ['https://github.com/apache/airflow'],
      packages: { pypi: ['apache-airflow'] },
      images: ['apache/airflow'],
      homepages: ['airflow.apache.org'],
      subreddits: ['apache_airflow'],
      stackExchange: [{ site: SO, tags: ['airflow'] }],
    },
  },
  spark: {
    id: 'spark',
    name: 'Apache Spark',
    description: 'Unified engine for large-scale data processing and analytics.',
    signals: {
      repositories: ['https://github.com/apache/spark'],
      packages: {
        pypi: ['pyspark'],
        maven: [
          'org.apache.spark:spark-core_2.12',
          'org.apache.spark:spark-core_2.13',
          'org.apache.spark:spark-sql_2.12',
          'org.apache.spark:spark-sql_2.13',
        ],
      },
      images: ['_/spark', 'apache/spark'],
      homepages: ['spark.apache.org'],
      subreddits: ['apachespark'],
      stackExchange: [{ site: SO, tags: ['apache-spark', 'pyspark'] }],
    },
  },
  neo4j: {
    id: 'neo4j',
    name: 'Neo4j',
    description: 'Native graph database queried with Cypher.',
    signals: {
      repositories: ['https://github.com/neo4j/neo4j'],
      githubOrgs: ['neo4j'],
      packages: {
        npm: ['neo4j-driver'],
        pypi: ['neo4j'],
        maven: ['org.neo4j.driver:neo4j-java-driver'],
        go: ['github.com/neo4j/neo4j-go-driver/v5'],
        nuget: ['Neo4j.Driver'],
      },
      images: ['_/neo4j'],
      homepages: ['neo4j.com'],
      docs: ['neo4j.com/docs'],
      forums: ['community.neo4j.com'],
      subreddits: ['Neo4j'],
      stackExchange: [{ site: SO, tags: ['neo4j'] }],
    },
  },
  jenkins: {
    id: 'jenkins',
    name: 'Jenkins',
    description: 'Open-source automation server for CI/CD.',
    signals: {
      repositories: ['https://github.com/jenkinsci/jenkins'],
      githubOrgs: ['jenkinsci', 'jenkins-infra'],
      packages: { maven: ['org.jenkins-ci.main:jenkins-core'] },
      images: ['jenkins/jenkins'],
      homepages: ['www.jenkins.io'],
      docs: ['www.jenkins.io/doc', 'plugins.jenkins.io'],
      forums: ['community.jenkins.io'],
      subreddits: ['jenkinsci'],
      stackExchange: [{ site: SO, tags: ['jenkins', 'jenkins-pipeline'] }],
    },
  },
  temporal: {
    id: 'temporal',
    name: 'Temporal',
    description: 'Durable execution platform for reliable workflows.',
    signals: {
      repositories: ['https://github.com/temporalio/temporal'],
      githubOrgs: ['temporalio'],
      packages: {
        go: ['go.temporal.io/sdk'],
        npm: ['@temporalio/client', '@temporalio/worker', '@temporalio/workflow'],
        pypi: ['temporalio'],
        maven: ['io.temporal:temporal-sdk'],
        nuget: ['Temporalio'],
      },
      images: ['temporalio/server', 'temporalio/auto-setup'],
      homepages: ['temporal.io'],
      docs: ['docs.temporal.io'],
      forums: ['community.temporal.io'],
      stackExchange: [{ site: SO, tags: ['temporal-workflow'] }],
    },
  },
  traefik: {
    id: 'traefik',
    name: 'Traefik Proxy',
    description: 'Cloud-native reverse proxy and ingress controller.',
    signals: {
      repositories: ['https://github.com/traefik/traefik'],
      githubOrgs: ['traefik'],
      packages: { go: ['github.com/traefik/traefik/v3'] },
      images: ['_/traefik'],
      homepages: ['traefik.io'],
      docs: ['doc.traefik.io'],
      forums: ['community.traefik.io'],
      subreddits: ['Traefik'],
      stackExchange: [{ site: SO, tags: ['traefik'] }],
    },
  },
  kong: {
    id: 'kong',
    name: 'Kong Gateway',
    description: 'Open-source API gateway built on NGINX and OpenResty.',
    signals: {
      repositories: ['https://github.com/Kong/kong'],
      githubOrgs: ['Kong'],
      images: ['_/kong', 'kong/kong-gateway'],
      homepages: ['konghq.com'],
      docs: ['docs.konghq.com', 'developer.konghq.com'],
      forums: ['discuss.konghq.com'],
      stackExchange: [{ site: SO, tags: ['kong'] }],
    },
  },
  moodle: {
    id: 'moodle',
    name: 'Moodle',
    description: 'Open-source learning management system.',
    signals: {
      repositories: ['https://github.com/moodle/moodle'],
      githubOrgs: ['moodle'],
      homepages: ['moodle.org'],
      docs: ['docs.moodle.org', 'moodledev.io'],
      forums: ['moodle.org/mod'],
      subreddits: ['moodle'],
      stackExchange: [{ site: SO, tags: ['moodle'] }],
    },
  },
  magento: {
    id: 'magento',
    name: 'Magento Open Source',
    description: 'Open-source e-commerce platform.',
    signals: {
      repositories: ['https://github.com/magento/magento2'],
      githubOrgs: ['magento'],
      packages: { packagist: ['magento/product-community-edition'] },
      docs: ['developer.adobe.com/commerce'],
      forums: ['magento.stackexchange.com', 'community.magento.com'],
      subreddits: ['Magento'],
      stackExchange: [
        { site: SO, tags: ['magento', 'magento2'] },
        // A site about Magento alone.
        {
          site: 'magento.stackexchange.com',
          tags: ['magento2', 'magento-1.9', 'checkout', 'configuration', 'product', 'module', 'layout', 'extensions', 'customer', 'orders', 'admin', 'theme', 'payment-methods', 'shipping-methods', 'graphql', 'indexing', 'cron', 'category'],
        },
      ],
    },
  },
  liferay: {
    id: 'liferay',
    name: 'Liferay Portal',
    description: 'Open-source portal and digital experience platform.',
    signals: {
      repositories: ['https://github.com/liferay/liferay-portal'],
      githubOrgs: ['liferay'],
      images: ['liferay/portal', 'liferay/dxp'],
      homepages: ['www.liferay.com'],
      docs: ['learn.liferay.com'],
      stackExchange: [{ site: SO, tags: ['liferay'] }],
    },
  },
  minio: {
    id: 'minio',
    name: 'MinIO',
    description: 'S3-compatible object storage.',
    signals: {
      repositories: ['https://github.com/minio/minio'],
      githubOrgs: ['minio'],
      packages: {
        go: ['github.com/minio/minio-go/v7'],
        pypi: ['minio'],
        npm: ['minio'],
        maven: ['io.minio:minio'],
        nuget: ['Minio'],
      },
      images: ['minio/minio'],
      homepages: ['min.io'],
      docs: ['docs.min.io', 'min.io/docs'],
      stackExchange: [{ site: SO, tags: ['minio'] }],
    },
  },
  ceph: {
    id: 'ceph',
    name: 'Ceph',
    description: 'Distributed object, block and file storage.',
    signals: {
      repositories: ['https://github.com/ceph/ceph'],
      githubOrgs: ['ceph'],
      homepages: ['ceph.io'],
      docs: ['docs.ceph.com'],
      mailingLists: ['lists.ceph.io'],
      subreddits: ['ceph'],
      stackExchange: [
        { site: SO, tags: ['ceph'] },
        { site: SF, tags: ['ceph'] },
      ],
    },
  },
  supabase: {
    id: 'supabase',
    name: 'Supabase',
    description: 'Open-source Postgres development platform (auth, storage, realtime, APIs).',
    signals: {
      repositories: ['https://github.com/supabase/supabase'],
      githubOrgs: ['supabase'],
      packages: { npm: ['@supabase/supabase-js'], pypi: ['supabase'] },
      images: ['supabase/postgres', 'supabase/studio'],
      homepages: ['supabase.com'],
      docs: ['supabase.com/docs'],
      subreddits: ['Supabase'],
      stackExchange: [{ site: SO, tags: ['supabase'] }],
    },
  },
  vitess: {
    id: 'vitess',
    name: 'Vitess',
    description: 'Database clustering system for horizontal scaling of MySQL.',
    signals: {
      repositories: ['https://github.com/vitessio/vitess'],
      githubOrgs: ['vitessio'],
      packages: { go: ['vitess.io/vitess'] },
      images: ['vitess/lite'],
      homepages: ['vitess.io'],
      docs: ['vitess.io/docs'],
      stackExchange: [{ site: SO, tags: ['vitess'] }],
    },
  },
  nats: {
    id: 'nats',
    name: 'NATS',
    description: 'Connective messaging system with streaming (JetStream) and key-value storage.',
    signals: {
      repositories: ['https://github.com/nats-io/nats-server'],
      githubOrgs: ['nats-io'],
      packages: {
        go: ['github.com/nats-io/nats.go'],
        npm: ['nats'],
        pypi: ['nats-py'],
        maven: ['io.nats:jnats'],
        nuget: ['NATS.Net'],
        crates: ['async-nats'],
        rubygems: ['nats-pure'],
      },
      images: ['_/nats'],
      homepages: ['nats.io'],
      docs: ['docs.nats.io'],
      stackExchange: [{ site: SO, tags: ['nats.io'] }],
    },
  },
  discourse: {
    id: 'discourse',
    name: 'Discourse',
    description: 'Open-source community discussion platform.',
    signals: {
      repositories: ['https://github.com/discourse/discourse'],
      githubOrgs: ['discourse'],
      packages: { rubygems: ['discourse_api'] },
      images: ['discourse/base'],
      homepages: ['www.discourse.org'],
      forums: ['meta.discourse.org'],
      stackExchange: [{ site: SO, tags: ['discourse'] }],
    },
  },
} satisfies Record<string, Project>;

type ProjectId = keyof typeof projects;

/** An offer with example commission terms (see the note at the top). */
function offer(id: string, name: string, url: string, adds: string, percent: number, period: Period = 'first-year'): Offer {
  return { id, name, url, adds, commission: { kind: 'percent', value: percent, period } };
}

const product = (id: ProjectId, ...offers: Offer[]): Product => ({ ...projects[id], offers });

/** Starter vendors have no Advocate endpoint until they enrol, so links carry the code as a parameter. */
function vendor(id: string, name: string, homepage: string, currency: string, products: Product[]): Vendor {
  return { id, name, homepage, referral: { linkStyle: 'offer-param' }, currency, products };
}

export const starterCatalog: Catalog = {
  schemaVersion: 1,
  vendors: [
    vendor('oracle', 'Oracle', 'https://www.oracle.com', 'USD', [
      product('mysql', offer('mysql-enterprise', 'MySQL Enterprise Edition', 'https://www.mysql.com/products/enterprise/', 'Adds Oracle 24x7 support plus enterprise backup, audit, transparent data encryption, firewall and monitoring tools that the Community Edition lacks.', 10)),
    ]),
    vendor('mariadb', 'MariaDB plc', 'https://mariadb.com', 'USD', [
      product('mariadb', offer('enterprise-platform', 'MariaDB Enterprise Platform', 'https://mariadb.com/products/enterprise/', 'Adds MariaDB Enterprise Server builds with longer maintenance, MaxScale database proxy and 24x7 support from MariaDB plc.', 12)),
    ]),
    vendor('edb', 'EnterpriseDB (EDB)', 'https://www.enterprisedb.com', 'USD', [
      product('postgresql', offer('edb-postgres-ai', 'EDB Postgres AI subscription', 'https://www.enterprisedb.com/pricing', 'Adds 24x7 Postgres support from EDB plus EDB Postgres Advanced Server (Oracle compatibility) and tools for backup, failover and migration.', 12)),
    ]),
    vendor('aiven', 'Aiven', 'https://aiven.io', 'USD', [
      product('postgresql', offer('aiven-postgresql', 'Aiven for PostgreSQL', 'https://aiven.io/postgresql', 'Adds a fully managed PostgreSQL service on your choice of cloud with automatic backups, upgrades, high availability and support.', 8, 'recurring')),
      product('mysql', offer('aiven-mysql', 'Aiven for MySQL', 'https://aiven.io/mysql', 'Adds a fully managed MySQL service on your choice of cloud with automatic backups, upgrades, high availability and support.', 8, 'recurring')),
      product('kafka', offer('aiven-kafka', 'Aiven for Apache Kafka', 'https://aiven.io/kafka', 'Adds fully managed Kafka clusters on your choice of cloud with schema registry, Kafka Connect, monitoring and support.', 8, 'recurring')),
      product('opensearch', offer('aiven-opensearch', 'Aiven for OpenSearch', 'https://aiven.io/opensearch', 'Adds fully managed OpenSearch clusters on your choice of cloud with automatic backups, upgrades and support.', 8, 'recurring')),
    ]),
    vendor('redis', 'Redis Ltd', 'https://redis.io', 'USD', [
      product(
        'redis',
        offer('redis-software', 'Redis Software', 'https://redis.io/enterprise/', 'Adds Active-Active geo-replication, tiered memory/flash storage, automated cluster management and 24x7 support from Redis.', 10),
        offer('redis-cloud', 'Redis Cloud', 'https://redis.io/cloud/', 'Adds a fully managed Redis service with high availability, automatic scaling and backups, run by Redis.', 10, 'recurring'),
      ),
    ]),
    vendor('elastic', 'Elastic', 'https://www.elastic.co', 'USD', [
      product(
        'elasticsearch',
        offer('elastic-subscription', 'Elastic Platinum / Enterprise subscription', 'https://www.elastic.co/subscriptions', 'Adds Elastic support plus paid features such as machine-learning anomaly detection, advanced security and searchable snapshots.', 10),
        offer('elastic-cloud', 'Elastic Cloud', 'https://www.elastic.co/cloud', 'Adds a hosted, managed Elasticsearch and Kibana deployment with automatic upgrades, snapshots and support.', 10, 'recurring'),
      ),
    ]),
    vendor('grafana-labs', 'Grafana Labs', 'https://grafana.com', 'USD', [
      product(
        'grafana',
        offer('grafana-enterprise', 'Grafana Enterprise', 'https://grafana.com/products/enterprise/', 'Adds enterprise data source plugins, reporting, fine-grained access control and support from Grafana Labs.', 10),
        offer('grafana-cloud', 'Grafana Cloud', 'https://grafana.com/products/cloud/', 'Adds hosted Grafana with managed metrics, logs and traces storage, so you run no observability backend yourself.', 10, 'recurring'),
      ),
    ]),
    vendor('confluent', 'Confluent', 'https://www.confluent.io', 'USD', [
      product(
        'kafka',
        offer('confluent-cloud', 'Confluent Cloud', 'https://www.confluent.io/confluent-cloud/', 'Adds fully managed, autoscaling Kafka with Schema Registry, managed connectors, stream governance and 24x7 support.', 10, 'recurring'),
        offer('confluent-platform', 'Confluent Platform', 'https://www.confluent.io/product/confluent-platform/', 'Adds Confluent support plus Control Center, role-based access control, cluster linking and tiered storage for self-managed Kafka.', 10),
      ),
    ]),
    vendor('gitlab', 'GitLab Inc.', 'https://about.gitlab.com', 'USD', [
      product('gitlab', offer('premium', 'GitLab Premium', 'https://about.gitlab.com/pricing/', 'Adds merge request approvals, code owners, advanced CI/CD, enterprise agile planning and priority support over the free tier.', 15)),
    ]),
    vendor('nextcloud', 'Nextcloud GmbH', 'https://nextcloud.com', 'EUR', [
      product('nextcloud', offer('enterprise', 'Nextcloud Enterprise', 'https://nextcloud.com/enterprise/', 'Adds support with SLAs from Nextcloud GmbH, long-term maintained releases and help with scaling and enterprise integrations.', 15)),
    ]),
    vendor('odoo', 'Odoo S.A.', 'https://www.odoo.com', 'EUR', [
      product('odoo', offer('enterprise', 'Odoo Enterprise', 'https://www.odoo.com/pricing', 'Adds Enterprise-only apps such as Studio and full accounting, Odoo hosting, version upgrades and functional support from Odoo S.A.', 20)),
    ]),
    vendor('automattic', 'Automattic', 'https://automattic.com', 'USD', [
      product(
        'wordpress',
        offer('wordpress-vip', 'WordPress VIP', 'https://wpvip.com/', 'Adds managed enterprise WordPress hosting with code review, security hardening, scaling and 24x7 support.', 10),
        offer('wordpress-com', 'WordPress.com paid plans', 'https://wordpress.com/pricing/', 'Adds managed WordPress hosting with automatic updates, backups, security and support, without running a server.', 20, 'one-time'),
      ),
    ]),
    vendor('acquia', 'Acquia', 'https://www.acquia.com', 'USD', [
      product('drupal', offer('drupal-cloud', 'Acquia Drupal Cloud', 'https://www.acquia.com/products/drupal-cloud', 'Adds managed Drupal hosting with development environments, security hardening and 24x7 support from Acquia.', 10)),
    ]),
    vendor('red-hat', 'Red Hat', 'https://www.redhat.com', 'USD', [
      product('ansible', offer('ansible-automation-platform', 'Red Hat Ansible Automation Platform', 'https://www.redhat.com/en/technologies/management/ansible', 'Adds automation controller, certified content collections, Event-Driven Ansible and Red Hat support over community Ansible.', 10)),
      product('kubernetes', offer('openshift', 'Red Hat OpenShift', 'https://www.redhat.com/en/technologies/cloud-computing/openshift', 'Adds an enterprise Kubernetes distribution with integrated CI/CD, a developer console, security hardening and Red Hat lifecycle support.', 10)),
      product('keycloak', offer('build-of-keycloak', 'Red Hat build of Keycloak', 'https://access.redhat.com/products/red-hat-build-of-keycloak/', 'Adds Red Hat support, security errata and long-term maintained releases of Keycloak.', 10)),
    ]),
    vendor('f5', 'F5 (NGINX)', 'https://www.f5.com', 'USD', [
      product('nginx', offer('nginx-plus', 'NGINX Plus', 'https://www.f5.com/products/nginx/nginx-plus', 'Adds active health checks, session persistence, a live monitoring API and dashboard, JWT authentication and F5 support over open-source NGINX.', 10)),
    ]),
    vendor('clickhouse', 'ClickHouse Inc.', 'https://clickhouse.com', 'USD', [
      product('clickhouse', offer('clickhouse-cloud', 'ClickHouse Cloud', 'https://clickhouse.com/cloud', 'Adds a fully managed ClickHouse service with separated storage and compute, automatic scaling and backups, and support from ClickHouse Inc.', 10, 'recurring')),
    ]),
    vendor('datastax', 'DataStax', 'https://www.datastax.com', 'USD', [
      product(
        'cassandra',
        offer('astra-db', 'DataStax Astra DB', 'https://www.datastax.com/products/datastax-astra', 'Adds serverless, fully managed Cassandra-compatible databases with vector search and support from DataStax.', 10, 'recurring'),
        offer('datastax-enterprise', 'DataStax Enterprise', 'https://www.datastax.com/products/datastax-enterprise', 'Adds a hardened Cassandra distribution with integrated search, analytics and graph, plus DataStax support.', 10),
      ),
    ]),
    vendor('broadcom', 'Broadcom (VMware Tanzu)', 'https://www.broadcom.com', 'USD', [
      product('rabbitmq', offer('tanzu-rabbitmq', 'VMware Tanzu RabbitMQ', 'https://www.vmware.com/products/app-platform/tanzu-rabbitmq', 'Adds Broadcom support and commercial features such as warm-standby replication across data centres.', 8)),
    ]),
    vendor('mattermost', 'Mattermost, Inc.', 'https://mattermost.com', 'USD', [
      product('mattermost', offer('enterprise', 'Mattermost Enterprise', 'https://mattermost.com/pricing/', 'Adds SAML and AD/LDAP single sign-on, compliance exports, high-availability clustering and commercial support.', 15)),
    ]),
    vendor('innocraft', 'InnoCraft (Matomo)', 'https://www.innocraft.com', 'EUR', [
      product('matomo', offer('matomo-cloud', 'Matomo Cloud', 'https://matomo.org/pricing/', 'Adds managed hosting of Matomo with premium features such as heatmaps, session recordings and A/B testing, plus support.', 20, 'recurring')),
    ]),
    vendor('metabase', 'Metabase, Inc.', 'https://www.metabase.com', 'USD', [
      product('metabase', offer('pro', 'Metabase Pro', 'https://www.metabase.com/pricing/', 'Adds SSO, row- and column-level permissions, white-label embedding and support over the open-source edition.', 15)),
    ]),
    vendor('preset', 'Preset', 'https://preset.io', 'USD', [
      product('superset', offer('preset-cloud', 'Preset Cloud', 'https://preset.io/pricing/', 'Adds fully managed Superset hosting with embedded analytics, role-based access and support from Superset contributors.', 15)),
    ]),
    vendor('astronomer', 'Astronomer', 'https://www.astronomer.io', 'USD', [
      product('airflow', offer('astro', 'Astro', 'https://www.astronomer.io/product/', 'Adds fully managed Airflow deployments with autoscaling workers, observability and 24x7 support from Astronomer.', 10)),
    ]),
    vendor('databricks', 'Databricks', 'https://www.databricks.com', 'USD', [
      product('spark', offer('databricks-platform', 'Databricks Data Intelligence Platform', 'https://www.databricks.com/product/pricing', 'Adds a managed, optimised Spark runtime with the Photon engine, collaborative notebooks, Unity Catalog governance and support.', 5)),
    ]),
    vendor('neo4j', 'Neo4j, Inc.', 'https://neo4j.com', 'USD', [
      product(
        'neo4j',
        offer('enterprise', 'Neo4j Enterprise Edition', 'https://neo4j.com/pricing/', 'Adds clustering, online backup, role-based security and Neo4j support over the Community Edition.', 10),
        offer('auradb', 'Neo4j AuraDB', 'https://neo4j.com/product/auradb/', 'Adds a fully managed Neo4j graph database in the cloud with automatic backups and upgrades.', 10, 'recurring'),
      ),
    ]),
    vendor('cloudbees', 'CloudBees', 'https://www.cloudbees.com', 'USD', [
      product('jenkins', offer('cloudbees-ci', 'CloudBees CI', 'https://www.cloudbees.com/capabilities/continuous-integration', 'Adds centrally managed, highly available Jenkins controllers with role-based access, curated plugins and CloudBees support.', 10)),
    ]),
    vendor('temporal', 'Temporal Technologies', 'https://temporal.io', 'USD', [
      product('temporal', offer('temporal-cloud', 'Temporal Cloud', 'https://temporal.io/cloud', 'Adds a fully managed, multi-region Temporal service with an SLA and support, so you do not run the server cluster yourself.', 10, 'recurring')),
    ]),
    vendor('traefik-labs', 'Traefik Labs', 'https://traefik.io', 'USD', [
      product('traefik', offer('traefik-hub', 'Traefik Hub', 'https://traefik.io/traefik-hub/', 'Adds API gateway and API management features, distributed high availability and commercial support from Traefik Labs.', 15)),
    ]),
    vendor('kong', 'Kong Inc.', 'https://konghq.com', 'USD', [
      product('kong', offer('konnect', 'Kong Konnect', 'https://konghq.com/products/kong-konnect', 'Adds a managed control plane, enterprise plugins such as OpenID Connect, a developer portal, RBAC and Kong support.', 10)),
    ]),
    vendor('moodle', 'Moodle Pty Ltd', 'https://moodle.com', 'AUD', [
      product(
        'moodle',
        offer('moodlecloud', 'MoodleCloud', 'https://moodle.com/solutions/moodlecloud/', 'Adds Moodle sites hosted, updated and backed up by Moodle HQ, with no server to run.', 20, 'recurring'),
        offer('workplace', 'Moodle Workplace', 'https://moodle.com/solutions/moodle-workplace/', 'Adds multi-tenancy, dynamic rules, certifications and reporting for workplace learning, delivered through Moodle partners.', 10),
      ),
    ]),
    vendor('adobe', 'Adobe', 'https://business.adobe.com', 'USD', [
      product('magento', offer('adobe-commerce', 'Adobe Commerce', 'https://business.adobe.com/products/magento/magento-commerce.html', 'Adds B2B features, content staging, customer segmentation, managed cloud hosting and Adobe support over Magento Open Source.', 5)),
    ]),
    vendor('liferay', 'Liferay, Inc.', 'https://www.liferay.com', 'USD', [
      product('liferay', offer('liferay-dxp', 'Liferay DXP', 'https://www.liferay.com/liferay-dxp', 'Adds enterprise features, fix packs and security updates, cloud hosting options and Liferay support over Liferay Portal CE.', 10)),
    ]),
    vendor('minio', 'MinIO, Inc.', 'https://min.io', 'USD', [
      product('minio', offer('aistor', 'MinIO AIStor', 'https://min.io/pricing', 'Adds a commercially licensed enterprise build with observability, key management, a management console and direct engineering support.', 10)),
    ]),
    vendor('ibm', 'IBM', 'https://www.ibm.com', 'USD', [
      product('ceph', offer('storage-ceph', 'IBM Storage Ceph', 'https://www.ibm.com/products/storage-ceph', 'Adds a tested, hardened Ceph distribution with a management dashboard and IBM support lifecycle.', 8)),
    ]),
    vendor('supabase', 'Supabase Inc.', 'https://supabase.com', 'USD', [
      product('supabase', offer('pro', 'Supabase Pro', 'https://supabase.com/pricing', 'Adds a managed project with daily backups, more compute and storage, no pausing on inactivity and email support.', 20, 'recurring')),
    ]),
    vendor('planetscale', 'PlanetScale', 'https://planetscale.com', 'USD', [
      product('vitess', offer('planetscale', 'PlanetScale', 'https://planetscale.com/pricing', 'Adds a fully managed Vitess-based MySQL platform with branching, non-blocking schema changes and support.', 10, 'recurring')),
    ]),
    vendor('synadia', 'Synadia', 'https://www.synadia.com', 'USD', [
      product('nats', offer('synadia-cloud', 'Synadia Cloud', 'https://www.synadia.com/cloud', 'Adds managed global NATS super-clusters with a control plane, monitoring and support from the NATS maintainers.', 10, 'recurring')),
    ]),
    vendor('cdck', 'Civilized Discourse Construction Kit (Discourse)', 'https://www.discourse.org', 'USD', [
      product('discourse', offer('discourse-hosting', 'Discourse hosting', 'https://www.discourse.org/pricing', 'Adds fully managed Discourse hosting with upgrades, backups, email delivery, a CDN and support from the Discourse team.', 15, 'recurring')),
    ]),
  ],
};
