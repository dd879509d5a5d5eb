import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../src/core/detect/index';
import type { PageType } from '../../../src/core/detect/types';

type Row = [url: string, pageType: PageType, site: string, keys: string[]];

const check = (rows: Row[]) =>
  it.each(rows)('%s -> %s', (url, pageType, site, keys) => {
    const d = detectPage(url);
    expect({ pageType: d.pageType, site: d.site, keys: d.keys }).toEqual({ pageType, site, keys });
    expect(d.confidence).toBeGreaterThan(0);
    expect(d.confidence).toBeLessThanOrEqual(1);
  });

describe('GitHub', () => {
  check([
    ['https://github.com/mysql/mysql-server', 'project', 'github', ['github:mysql/mysql-server', 'github-org:mysql']],
    ['https://github.com/MySQL/MySQL-Server/', 'project', 'github', ['github:mysql/mysql-server', 'github-org:mysql']],
    ['https://www.github.com/redis/redis.git', 'project', 'github', ['github:redis/redis', 'github-org:redis']],
    ['https://github.com/grafana/grafana/tree/main/pkg/api', 'project', 'github', ['github:grafana/grafana', 'github-org:grafana']],
    ['https://github.com/grafana/grafana/blob/main/README.md', 'project', 'github', ['github:grafana/grafana', 'github-org:grafana']],
    ['https://github.com/grafana/grafana#readme', 'project', 'github', ['github:grafana/grafana', 'github-org:grafana']],
    ['https://github.com/apache/kafka/releases/tag/4.0.0', 'project', 'github', ['github:apache/kafka', 'github-org:apache']],
    ['https://github.com/apache/kafka/tags', 'project', 'github', ['github:apache/kafka', 'github-org:apache']],
    ['https://github.com/neo4j/neo4j/wiki', 'project', 'github', ['github:neo4j/neo4j', 'github-org:neo4j']],
    ['https://github.com/nginx/nginx/pulls', 'project', 'github', ['github:nginx/nginx', 'github-org:nginx']],
    ['https://github.com/nginx/nginx/pull/12', 'project', 'github', ['github:nginx/nginx', 'github-org:nginx']],
    ['https://github.com/nginx/nginx/commits/master', 'project', 'github', ['github:nginx/nginx', 'github-org:nginx']],
    ['https://github.com/keycloak/keycloak/actions/runs/1', 'project', 'github', ['github:keycloak/keycloak', 'github-org:keycloak']],
    ['https://github.com/some-org/.github', 'project', 'github', ['github:some-org/.github', 'github-org:some-org']],
    ['https://github.com/redis/redis/issues', 'forum', 'github', ['github:redis/redis', 'github-org:redis']],
    ['https://github.com/redis/redis/issues/13000', 'forum', 'github', ['github:redis/redis', 'github-org:redis']],
    ['https://github.com/supabase/supabase/discussions/42', 'forum', 'github', ['github:supabase/supabase', 'github-org:supabase']],
    ['https://github.com/orgs/supabase/discussions', 'forum', 'github', ['github-org:supabase']],
    ['https://github.com/orgs/Grafana/discussions/9', 'forum', 'github', ['github-org:grafana']],
    ['https://github.com/orgs/grafana/repositories', 'other', 'github', ['github-org:grafana']],
    ['https://github.com/grafana', 'other', 'github', ['github-org:grafana']],
    ['https://github.com/', 'other', 'github', []],
  ]);
});

describe('GitHub reserved names (from github-reserved-names) are never repositories', () => {
  check(
    ['settings/profile', 'marketplace/actions/x', 'notifications', 'features/actions', 'topics/mysql', 'sponsors/someone',
      'explore', 'search?q=mysql', 'login', 'new', 'organizations/new', 'trending/go', 'collections/x', 'enterprise', 'pricing',
      'codespaces', 'pulls', 'issues', 'about', 'security/advisories', 'apps/dependabot', 'users/x', 'site/terms', 'account']
      .map((p): Row => [`https://github.com/${p}`, 'other', 'github', []]),
  );
});

describe('GitLab, Codeberg, Bitbucket', () => {
  check([
    ['https://gitlab.com/gitlab-org/gitlab', 'project', 'gitlab', ['gitlab:gitlab-org/gitlab']],
    ['https://gitlab.com/gitlab-org/gitlab/-/tree/master/app', 'project', 'gitlab', ['gitlab:gitlab-org/gitlab']],
    ['https://gitlab.com/gitlab-org/gitlab/-/merge_requests/1', 'project', 'gitlab', ['gitlab:gitlab-org/gitlab']],
    ['https://gitlab.com/gitlab-org/gitlab/-/issues/1', 'forum', 'gitlab', ['gitlab:gitlab-org/gitlab']],
    ['https://gitlab.com/group/sub/Project/-/issues', 'forum', 'gitlab', ['gitlab:group/sub/project']],
    ['https://gitlab.com/group/sub/project/-/work_items/5', 'forum', 'gitlab', ['gitlab:group/sub/project']],
    ['https://gitlab.com/gitlab-org', 'other', 'gitlab', []],
    ['https://gitlab.com/explore/projects', 'other', 'gitlab', []],
    ['https://gitlab.com/users/sign_in', 'other', 'gitlab', []],
    ['https://codeberg.org/forgejo/forgejo', 'project', 'codeberg', ['codeberg:forgejo/forgejo']],
    ['https://codeberg.org/forgejo/forgejo/issues/3', 'forum', 'codeberg', ['codeberg:forgejo/forgejo']],
    ['https://codeberg.org/explore/repos', 'other', 'codeberg', []],
    ['https://bitbucket.org/atlassian/python-bitbucket/src/master/', 'project', 'bitbucket', ['bitbucket:atlassian/python-bitbucket']],
    ['https://bitbucket.org/product/pricing', 'other', 'bitbucket', []],
  ]);
});

describe('package registries and images', () => {
  check([
    ['https://www.npmjs.com/package/redis', 'project', 'npm', ['npm:redis']],
    ['https://www.npmjs.com/package/@elastic/elasticsearch', 'project', 'npm', ['npm:@elastic/elasticsearch']],
    ['https://www.npmjs.com/package/%40elastic%2Felasticsearch', 'project', 'npm', ['npm:@elastic/elasticsearch']],
    ['https://www.npmjs.com/package/mysql2/v/3.9.0', 'project', 'npm', ['npm:mysql2']],
    ['https://www.npmjs.com/search?q=redis', 'other', 'npm', []],
    ['https://pypi.org/project/psycopg2-binary/', 'project', 'pypi', ['pypi:psycopg2-binary']],
    ['https://pypi.org/project/Mysql_Connector.Python/9.0.0/', 'project', 'pypi', ['pypi:mysql-connector-python']],
    ['https://pypi.org/search/?q=redis', 'other', 'pypi', []],
    ['https://crates.io/crates/redis', 'project', 'crates', ['crates:redis']],
    ['https://crates.io/crates/tokio_postgres/0.7.0', 'project', 'crates', ['crates:tokio-postgres']],
    ['https://docs.rs/redis/latest/redis/', 'project', 'crates', ['crates:redis']],
    ['https://docs.rs/crate/rdkafka/latest', 'project', 'crates', ['crates:rdkafka']],
    ['https://docs.rs/releases', 'other', 'crates', []],
    ['https://pkg.go.dev/github.com/redis/go-redis/v9', 'project', 'go', ['go:github.com/redis/go-redis/v9', 'go:github.com/redis/go-redis', 'github:redis/go-redis', 'github-org:redis']],
    ['https://pkg.go.dev/github.com/nats-io/nats.go@v1.31.0', 'project', 'go', ['go:github.com/nats-io/nats.go', 'github:nats-io/nats.go', 'github-org:nats-io']],
    ['https://pkg.go.dev/go.temporal.io/sdk/client', 'project', 'go', ['go:go.temporal.io/sdk/client', 'go:go.temporal.io/sdk']],
    ['https://pkg.go.dev/search?q=redis', 'other', 'go', []],
    ['https://rubygems.org/gems/discourse_api', 'project', 'rubygems', ['rubygems:discourse_api']],
    ['https://rubygems.org/gems/redis/versions/5.0.0', 'project', 'rubygems', ['rubygems:redis']],
    ['https://packagist.org/packages/predis/predis', 'project', 'packagist', ['packagist:predis/predis']],
    ['https://packagist.org/explore/', 'other', 'packagist', []],
    ['https://www.nuget.org/packages/StackExchange.Redis', 'project', 'nuget', ['nuget:stackexchange.redis']],
    ['https://www.nuget.org/packages/Npgsql/8.0.0', 'project', 'nuget', ['nuget:npgsql']],
    ['https://central.sonatype.com/artifact/org.apache.kafka/kafka-clients', 'project', 'maven', ['maven:org.apache.kafka:kafka-clients']],
    ['https://central.sonatype.com/artifact/org.apache.kafka/kafka-clients/3.7.0', 'project', 'maven', ['maven:org.apache.kafka:kafka-clients']],
    ['https://mvnrepository.com/artifact/com.mysql/mysql-connector-j', 'project', 'maven', ['maven:com.mysql:mysql-connector-j']],
    ['https://search.maven.org/artifact/org.postgresql/postgresql/42.7.3/jar', 'project', 'maven', ['maven:org.postgresql:postgresql']],
    ['https://search.maven.org/#artifactdetails%7Corg.neo4j%7Cneo4j%7C5.0.0%7Cjar', 'project', 'maven', ['maven:org.neo4j:neo4j']],
    ['https://mvnrepository.com/open-source/jdbc-drivers', 'other', 'maven', []],
    ['https://hub.docker.com/_/mysql', 'project', 'dockerhub', ['docker:library/mysql']],
    ['https://hub.docker.com/_/postgres/tags', 'project', 'dockerhub', ['docker:library/postgres']],
    ['https://hub.docker.com/r/bitnami/redis', 'project', 'dockerhub', ['docker:bitnami/redis']],
    ['https://hub.docker.com/r/grafana/grafana/tags', 'project', 'dockerhub', ['docker:grafana/grafana']],
    ['https://hub.docker.com/layers/library/mysql/8.0/images/sha256-abc', 'project', 'dockerhub', ['docker:library/mysql']],
    ['https://hub.docker.com/repository/docker/grafana/loki/general', 'project', 'dockerhub', ['docker:grafana/loki']],
    ['https://hub.docker.com/search?q=redis', 'other', 'dockerhub', []],
  ]);
});

describe('Stack Exchange', () => {
  check([
    ['https://stackoverflow.com/questions/tagged/mysql', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:mysql', 'host:stackoverflow.com']],
    ['https://stackoverflow.com/questions/tagged/MySQL+innodb', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:mysql', 'so-tag:stackoverflow.com:innodb', 'host:stackoverflow.com']],
    ['https://stackoverflow.com/questions/tagged/c%2b%2b', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:c++', 'host:stackoverflow.com']],
    ['https://stackoverflow.com/questions/tagged/redis%20or%20memcached', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:redis', 'so-tag:stackoverflow.com:memcached', 'host:stackoverflow.com']],
    ['https://stackoverflow.com/questions/tagged/python', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:python', 'host:stackoverflow.com']],
    ['https://stackoverflow.com/tags/postgresql/info', 'forum', 'stackexchange', ['so-tag:stackoverflow.com:postgresql', 'host:stackoverflow.com']],
    ['https://dba.stackexchange.com/questions/tagged/postgresql', 'forum', 'stackexchange', ['so-tag:dba.stackexchange.com:postgresql', 'host:dba.stackexchange.com']],
    ['https://serverfault.com/questions/tagged/nginx', 'forum', 'stackexchange', ['so-tag:serverfault.com:nginx', 'host:serverfault.com']],
    ['https://superuser.com/questions/tagged/linux', 'forum', 'stackexchange', ['so-tag:superuser.com:linux', 'host:superuser.com']],
    ['https://askubuntu.com/questions/tagged/mysql', 'forum', 'stackexchange', ['so-tag:askubuntu.com:mysql', 'host:askubuntu.com']],
    ['https://ru.stackoverflow.com/questions/tagged/mysql', 'forum', 'stackexchange', ['so-tag:ru.stackoverflow.com:mysql', 'host:ru.stackoverflow.com']],
    ['https://pt.stackoverflow.com/questions/tagged/postgresql', 'forum', 'stackexchange', ['so-tag:pt.stackoverflow.com:postgresql', 'host:pt.stackoverflow.com']],
    ['https://ja.stackoverflow.com/questions/tagged/redis', 'forum', 'stackexchange', ['so-tag:ja.stackoverflow.com:redis', 'host:ja.stackoverflow.com']],
    ['https://meta.stackoverflow.com/questions/tagged/tags', 'forum', 'stackexchange', ['so-tag:meta.stackoverflow.com:tags', 'host:meta.stackoverflow.com']],
    ['https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch', 'forum', 'stackexchange', ['host:stackoverflow.com']],
    ['https://stackoverflow.com/q/2003505', 'forum', 'stackexchange', ['host:stackoverflow.com']],
    // A site about one product: every question names the site, which the catalog maps to that product.
    ['https://wordpress.stackexchange.com/questions/12345/a-question', 'forum', 'stackexchange', ['host:wordpress.stackexchange.com']],
    ['https://wordpress.stackexchange.com/questions/tagged/wp-query', 'forum', 'stackexchange', ['so-tag:wordpress.stackexchange.com:wp-query', 'host:wordpress.stackexchange.com']],
    ['https://magento.stackexchange.com/', 'forum', 'stackexchange', ['host:magento.stackexchange.com']],
    ['https://wordpress.meta.stackexchange.com/questions/1/x', 'forum', 'stackexchange', ['host:wordpress.meta.stackexchange.com']],
    ['https://stackoverflow.com/users/1/jeff-atwood', 'other', 'stackexchange', []],
    ['https://stackexchange.com/sites', 'other', 'web', ['path:stackexchange.com/sites', 'host:stackexchange.com']],
  ]);
});

describe('Reddit', () => {
  check([
    ['https://www.reddit.com/r/PostgreSQL/', 'forum', 'reddit', ['subreddit:postgresql']],
    ['https://old.reddit.com/r/mysql/comments/abc123/slow_query/', 'forum', 'reddit', ['subreddit:mysql']],
    ['https://reddit.com/r/grafana/comments/x', 'forum', 'reddit', ['subreddit:grafana']],
    ['https://www.reddit.com/r/redis+mysql', 'forum', 'reddit', ['subreddit:redis', 'subreddit:mysql']],
    ['https://www.reddit.com/r/all', 'forum', 'reddit', []],
    ['https://www.reddit.com/user/someone', 'other', 'reddit', []],
    ['https://www.reddit.com/', 'other', 'reddit', []],
  ]);
});

describe('other hosts emit host and path keys for the catalog', () => {
  check([
    ['https://www.postgresql.org/docs/16/index.html', 'other', 'web', ['path:postgresql.org/docs', 'host:postgresql.org']],
    ['https://discuss.elastic.co/t/x/1', 'other', 'web', ['path:discuss.elastic.co/t', 'host:discuss.elastic.co', 'host:elastic.co']],
    ['https://dev.mysql.com/doc/refman/8.4/en/', 'other', 'web', ['path:dev.mysql.com/doc', 'host:dev.mysql.com', 'host:mysql.com']],
    ['https://a.b.example.co.uk/', 'other', 'web', ['host:a.b.example.co.uk', 'host:b.example.co.uk', 'host:example.co.uk']],
    ['http://127.0.0.1:8080/x', 'other', 'web', ['path:127.0.0.1/x', 'host:127.0.0.1']],
  ]);
});

describe('malformed or non-web input', () => {
  it.each(['', 'not a url', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank', 'chrome://extensions', 'file:///etc/passwd', 'ftp://x.org/', 'https://'])(
    '%s -> nothing',
    (url) => expect(detectPage(url)).toEqual({ pageType: 'other', site: 'none', keys: [], confidence: 0 }),
  );
  it('refuses an absurdly long URL', () => {
    expect(detectPage(`https://x.org/${'a'.repeat(5000)}`)).toEqual({ pageType: 'other', site: 'none', keys: [], confidence: 0 });
  });
  it('tolerates non-string input and hostile signals', () => {
    expect(detectPage(undefined as unknown as string).site).toBe('none');
    const d = detectPage('https://stackoverflow.com/questions/1/x', { tags: [42, '<script>', 'MySQL', ' redis '] as unknown as string[] });
    expect(d.keys).toEqual(['so-tag:stackoverflow.com:mysql', 'so-tag:stackoverflow.com:redis', 'host:stackoverflow.com']);
  });
  it('drops keys too long for any catalog', () => {
    const long = Array.from({ length: 6 }, () => 'a'.repeat(60)).join('/');
    const d = detectPage(`https://pkg.go.dev/example.com/${long}`);
    expect(d.pageType).toBe('project');
    expect(d.keys.length).toBeGreaterThan(0);
    for (const key of d.keys) expect(key.length).toBeLessThanOrEqual(256);
  });
  it('keeps a bad percent-escape as raw text instead of throwing', () => {
    expect(detectPage('https://github.com/foo/%E0%A4%A').keys).toEqual([]);
    expect(detectPage('https://www.npmjs.com/package/%zz').pageType).toBe('other');
  });
});
