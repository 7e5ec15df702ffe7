import { runCases } from './cases.js';

const RW = 'https://backboard.railway.app/graphql/v2';
const AUTH = '-H "Authorization: Bearer $RAILWAY_TOKEN"';

runCases('http', [
  // GraphQL: Railway mutations by field name
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { volumeDelete(volumeId: \\"vol_1\\") }"}'`, risk: 'critical', rules: ['railway.graphql.volume-delete'], tags: ['volume', 'backup', 'irreversible', 'credential', 'remote-api'] },
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { volumeInstanceBackupDelete(volumeInstanceBackupId: \\"b1\\", volumeInstanceId: \\"vi1\\") }"}'`, risk: 'critical', rules: ['railway.graphql.volume-backup-delete'], tags: ['backup', 'data-loss'] },
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { projectDelete(id: \\"p1\\") }"}'`, risk: 'critical', rules: ['railway.graphql.project-delete'], tags: ['cloud-resource', 'irreversible'] },
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { serviceDelete(id: \\"s1\\") }"}'`, risk: 'critical', rules: ['railway.graphql.service-delete'] },
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { environmentDelete(id: \\"e1\\") }"}'`, risk: 'critical', rules: ['railway.graphql.environment-delete'], tags: ['volume', 'backup'] },
  { command: `curl -X POST ${RW} ${AUTH} -d '{"query":"mutation { environmentDelete(id: \\"staging-env\\") }"}'`, risk: 'high', rules: ['railway.graphql.environment-delete'] },
  { command: `curl ${RW} ${AUTH} -d '{"query":"mutation { a: variableUpsert(input: {name: \\"X\\", value: \\"1\\"}) b: volumeDelete(volumeId: \\"vol_2\\") }"}'`, risk: 'critical', rules: ['railway.graphql.volume-delete'] },
  { command: `curl ${RW} ${AUTH} -d '{"query":"mutation { serviceInstanceRedeploy(serviceId: \\"s\\", environmentId: \\"e\\") }"}'`, risk: 'medium', rules: ['railway.graphql.mutation'] },
  { command: `curl ${RW} ${AUTH} -d '{"query":"{ projects { edges { node { id } } } }"}'`, risk: 'low' },
  // GraphQL: other providers and generic endpoints
  { command: `curl -X POST https://api.github.com/graphql -H "Authorization: bearer $GITHUB_TOKEN" -d '{"query":"mutation { deleteRepository(input: {repositoryId: \\"R_1\\"}) { clientMutationId } }"}'`, risk: 'critical', rules: ['http.graphql.destructive-mutation'], tags: ['data-loss', 'remote-api', 'credential'] },
  { command: `curl https://api.example.io/graphql -d '{"query":"mutation DropIt($id: ID!) { databaseDrop(id: $id) }","variables":{"id":"db_9"}}'`, risk: 'critical', rules: ['http.graphql.destructive-mutation'], tags: ['database', 'data-loss'] },
  { command: `curl http://localhost:4000/graphql -d '{"query":"mutation { deleteUser(id: 1) }"}'`, risk: 'medium', rules: ['http.graphql.destructive-mutation'] },
  { command: `curl https://api.example.io/graphql -H 'Content-Type: application/graphql' --data-binary 'mutation { purgeCache }'`, risk: 'high+', rules: ['http.graphql.destructive-mutation'] },
  { command: `curl -X POST https://api.example.io/graphql -d @query.json`, risk: 'high', rules: ['http.graphql.unknown-body'] },
  { command: `curl https://countries.trevorblades.com/graphql -d '{"query":"{ countries { code } }"}'`, risk: 'low' },
  { command: `curl -X POST ${RW} ${AUTH} -d "$(cat payload.json)"`, risk: 'high', rules: ['railway.graphql.unknown-body'] },
  { command: `cat > q.json <<'EOF'\n{"query":"mutation { volumeDelete(volumeId: \\"vol_3\\") }"}\nEOF\ncurl -X POST ${RW} ${AUTH} -d "$(cat q.json)"`, risk: 'critical', rules: ['railway.graphql.volume-delete'] },
  { command: `jq -n '{query: "mutation { volumeDelete(volumeId: \\"vol_1\\") }"}' | curl -X POST ${RW} ${AUTH} -d @-`, risk: 'critical', rules: ['railway.graphql.volume-delete'] },
  { command: `curl -X "$METHOD" https://api.github.com/repos/acme/web`, risk: 'high+', rules: ['http.rest.opaque-method'] },
  { command: `M=DELETE; curl -X $M https://api.github.com/repos/acme/web`, risk: 'critical', rules: ['http.rest.delete'] },
  { command: `curl -X $'\\x44ELETE' https://api.github.com/repos/acme/web`, risk: 'critical', rules: ['http.rest.delete'] },
  // REST
  { command: 'curl -X DELETE https://api.github.com/repos/acme/web -H "Authorization: token $GITHUB_TOKEN"', risk: 'critical', rules: ['http.rest.delete'], tags: ['remote-api', 'credential', 'irreversible'] },
  { command: 'curl -sS --request DELETE "https://api.cloudflare.com/client/v4/zones/$ZONE/dns_records/$ID" -H "Authorization: Bearer $CF_API_TOKEN"', risk: 'critical', rules: ['http.rest.delete'], tags: ['cloud-resource', 'credential'] },
  { command: 'curl -X DELETE -H "Authorization: Bearer $DIGITALOCEAN_TOKEN" https://api.digitalocean.com/v2/volumes/7724db7c', risk: 'critical', rules: ['http.rest.delete'], tags: ['volume', 'cloud-resource'] },
  { command: 'curl -n -X DELETE https://api.heroku.com/apps/acme-staging -H "Accept: application/vnd.heroku+json; version=3"', risk: 'high', rules: ['http.rest.delete'] },
  { command: 'curl -XDELETE https://api.stripe.com/v1/customers/cus_123 -u "$STRIPE_KEY:"', risk: 'critical', rules: ['http.rest.delete'], tags: ['credential'] },
  { command: 'http DELETE https://api.vercel.com/v9/projects/web "Authorization:Bearer $VERCEL_TOKEN"', risk: 'critical', rules: ['http.rest.delete'] },
  { command: 'wget --method=DELETE https://api.netlify.com/api/v1/sites/abc --header="Authorization: Bearer $NETLIFY_AUTH_TOKEN"', risk: 'critical', rules: ['http.rest.delete'] },
  { command: 'curl -X POST https://es.internal.example.net:9200/logs/_delete_by_query -d \'{"query":{"match_all":{}}}\'', risk: 'critical', rules: ['http.rest.delete'], tags: ['wildcard'] },
  { command: 'curl -X DELETE http://localhost:9200/test-index', risk: 'medium', rules: ['http.rest.delete'] },
  { command: 'curl -X DELETE http://127.0.0.1:8080/api/todos/3', risk: 'medium' },
  { command: 'Invoke-RestMethod -Method Delete -Uri https://management.azure.com/subscriptions/x/resourceGroups/rg?api-version=2021-04-01', risk: 'critical', rules: ['http.rest.delete'] },
  { command: 'curl -X POST https://api.vercel.com/v13/deployments -H "Authorization: Bearer $VERCEL_TOKEN" -d \'{"name":"web"}\'', risk: 'medium', rules: ['http.rest.mutation'], tags: ['remote-api', 'credential'] },
  { command: 'curl -X PATCH https://api.github.com/repos/acme/web -H "Authorization: token $GITHUB_TOKEN" -d \'{"description":"x"}\'', risk: 'medium', rules: ['http.rest.mutation'] },
  { command: 'curl -X POST "https://api.cloudflare.com/client/v4/zones/$ZONE/purge_cache" -H "Authorization: Bearer $CF_API_TOKEN" --data \'{"purge_everything":true}\'', risk: 'medium', rules: ['http.rest.mutation'] },
  { command: 'curl -X POST http://localhost:3000/api/users -H "Content-Type: application/json" -d \'{"name":"a"}\'', risk: 'low' },
  // benign reads and downloads
  { command: 'curl https://api.github.com/repos/acme/web', risk: 'low' },
  { command: 'curl -sSfL -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user', risk: 'low' },
  { command: 'curl -I https://example.com', risk: 'low' },
  { command: 'curl -k https://localhost:8443/health', risk: 'low' },
  { command: 'curl -s "https://api.example.com/search?q=delete+me"', risk: 'low' },
  { command: 'curl -o node.tar.gz https://nodejs.org/dist/v20.0.0/node-v20.0.0-linux-x64.tar.xz', risk: 'low', rules: ['http.download'] },
  { command: 'curl -LO https://github.com/cli/cli/releases/download/v2.0.0/gh_2.0.0_linux_amd64.tar.gz', risk: 'low', rules: ['http.download'] },
  { command: 'wget https://example.com/file.zip', risk: 'low' },
  { command: 'curl -fsSL https://example.com/x > ~/.bashrc', risk: 'critical', tags: ['persistence'] },
  { command: 'wget -r -np https://docs.example.com/', risk: 'medium', rules: ['http.download'] },
  { command: 'echo "curl -X DELETE https://api.github.com/repos/acme/web"', risk: 'low' },
  { command: 'grep -rn "volumeDelete" src/', risk: 'low' },
  // wrappers and evasions
  { command: `sudo curl -X DELETE https://api.github.com/repos/acme/web`, risk: 'critical', rules: ['http.rest.delete'] },
  { command: `/usr/bin/curl --request=DELETE https://api.digitalocean.com/v2/droplets/1`, risk: 'critical', rules: ['http.rest.delete'] },
  { command: `c''url -X DELETE https://api.digitalocean.com/v2/droplets/1`, risk: 'critical', rules: ['http.rest.delete'] },
  { command: `env TOKEN=x curl -sX DELETE https://api.fly.io/v1/apps/web`, risk: 'critical', rules: ['http.rest.delete'] },
  // An authenticated service's key and token endpoints: reading prints credentials, posting mints one.
  { command: 'curl -s -H "Authorization: Bearer $MEILI_MASTER_KEY" https://meili.example.io/keys', risk: 'critical', rules: ['http.credentials.read'] },
  { command: 'curl -s -X POST -H "Authorization: Bearer $T" https://grafana.example.io/api/serviceaccounts/12/tokens -d \'{"name":"ci"}\'', risk: 'critical', rules: ['http.credentials.mint'] },
  { command: 'curl -s https://status.example.io/keys', risk: 'low' },
]);
