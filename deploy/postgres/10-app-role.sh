#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: the application's login role, which owns nothing.
# Its privileges are granted by `manage.py grant_app_role` after each migration (see core/dbroles.py).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE tracer_app LOGIN PASSWORD '${TRACER_APP_DB_PASSWORD}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
