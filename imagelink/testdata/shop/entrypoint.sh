#!/bin/sh
set -e
echo "starting legacy"
exec /usr/local/bin/legacy "$@"
