#!/bin/sh
set -e
echo "gracelint-test: entrypoint"
exec /usr/local/bin/gl202-bad "$@"
