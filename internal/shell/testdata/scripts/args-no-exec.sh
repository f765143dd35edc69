#!/bin/bash
set -euo pipefail
for f in /entrypoint.d/*.sh; do
	[ -x "$f" ] && "$f"
done
"$@"
exit $?
