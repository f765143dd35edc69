#!/bin/sh
set -e
echo "gracelint-test: entrypoint for $*"
"$@"
