#!/usr/bin/env bash
# Run once by the postgres image's entrypoint, on an empty data volume: one role and one
# database per subgraph (hub-role.psql), with the passwords docker-compose.yml passes in.
# On an existing volume nothing runs: change a password with ALTER ROLE (docs/deployment.md).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
while read -r prefix role database; do
  password_variable="${prefix}_DB_PASSWORD"
  psql --quiet -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" -v database="$database" -v password="${!password_variable:?$password_variable is required}" \
    -f "$here/hub-role.psql"
done <<'SERVICES'
PROJECTS hub_projects projects
PEOPLE_TERRITORIES hub_people_territories people_territories
FUNDING hub_funding funding
REPORTING hub_reporting reporting
SERVICES
