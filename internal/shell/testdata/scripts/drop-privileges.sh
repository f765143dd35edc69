#!/bin/sh
set -e

# first arg is `-f` or `--some-option`
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- cache-server "$@"
fi

if [ "$1" = 'cache-server' ] && [ "$(id -u)" = '0' ]; then
	find . \! -user cache -exec chown cache '{}' +
	exec su-exec cache "$0" "$@"
fi

umask 0077
exec "$@"
