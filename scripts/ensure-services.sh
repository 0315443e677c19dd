#!/usr/bin/env bash
# Makes sure a PostgreSQL and a Redis server answer on their standard local ports, for the
# integration and end-to-end tests. Starts them when they are installed but stopped, and installs
# them from Debian's packages when missing (needs root, as in CI). Does nothing when both answer.
set -euo pipefail

PGHOST_=127.0.0.1
PGPORT_=${TEST_PGPORT:-5432}
REDIS_PORT_=${TEST_REDIS_PORT:-6379}

say() { printf '[services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "cannot install $* without root; install it or start it yourself"
    exit 1
  fi
  if [ $apt_updated = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_port() {
  for _ in $(seq 1 60); do
    port_open "$1" "$2" && return 0
    sleep 0.5
  done
  say "nothing answers on $1:$2 after 30 s"
  return 1
}

ensure_postgres() {
  if port_open $PGHOST_ "$PGPORT_"; then return 0; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    say "PostgreSQL missing: installing it from Debian's packages"
    apt_install postgresql
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  local conf=/etc/postgresql/$version/main
  # Tests connect as postgres over TCP without a password, as on the developers' machines.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$conf/pg_hba.conf"
  fi
  # A fresh package install may have started the cluster already (before the trust lines).
  if port_open $PGHOST_ "$PGPORT_"; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
  else
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  fi
  wait_port $PGHOST_ "$PGPORT_"
  psql -h $PGHOST_ -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 ||
    psql -h $PGHOST_ -U postgres -c 'CREATE DATABASE test' >/dev/null
}

ensure_redis() {
  if port_open $PGHOST_ "$REDIS_PORT_"; then return 0; fi
  if ! command -v redis-server >/dev/null; then
    say "Redis missing: installing it from Debian's packages"
    apt_install redis-server
  fi
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT_" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_port $PGHOST_ "$REDIS_PORT_"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    say "Chromium missing (browser tests): installing it from Debian's packages"
    apt_install chromium
  fi
  # Without a CJK font the console's Chinese text renders as boxes in the test screenshots.
  if ! fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk'; then
    say "no Chinese font: installing fonts-wqy-microhei"
    apt_install fonts-wqy-microhei
  fi
}

ensure_postgres
ensure_redis
ensure_chromium
