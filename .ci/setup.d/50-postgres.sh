# Sourced by .ci/run before the tests: a throwaway PostgreSQL server on 127.0.0.1 for
# tests/test_register*.py, which read REVIEWER_TEST_PG_URL (and fail under CI=true
# without it). The server is stopped and its data directory under /tmp removed when
# .ci/run exits (ci_at_exit).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
REVIEWER_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
REVIEWER_PG_DIR=$(mktemp -d /tmp/reviewer-pg.XXXXXX)
chown postgres: "$REVIEWER_PG_DIR"
# A free port, so a server someone else started on 5432 does not matter.
REVIEWER_PG_PORT=$("${PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
runuser -u postgres -- "$REVIEWER_PG_BIN/initdb" -D "$REVIEWER_PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$REVIEWER_PG_BIN/pg_ctl" -D "$REVIEWER_PG_DIR/data" -l "$REVIEWER_PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $REVIEWER_PG_PORT -k $REVIEWER_PG_DIR -c fsync=off" start >/dev/null
REVIEWER_PG_STOP="runuser -u postgres -- '$REVIEWER_PG_BIN/pg_ctl' -D '$REVIEWER_PG_DIR/data' -m fast -w stop >/dev/null; rm -rf '$REVIEWER_PG_DIR'"
if declare -F ci_at_exit >/dev/null; then
  ci_at_exit "$REVIEWER_PG_STOP"
else  # sourced by hand, not by .ci/run
  echo "stop the server with: eval \"\$REVIEWER_PG_STOP\""
fi
psql -h 127.0.0.1 -p "$REVIEWER_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE USER reviewer PASSWORD 'reviewer'" -c "CREATE DATABASE reviewer_test OWNER reviewer"
export REVIEWER_TEST_PG_URL="postgresql+psycopg://reviewer:reviewer@127.0.0.1:$REVIEWER_PG_PORT/reviewer_test"
echo "PostgreSQL $("$REVIEWER_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$REVIEWER_PG_PORT ($REVIEWER_PG_DIR)"
