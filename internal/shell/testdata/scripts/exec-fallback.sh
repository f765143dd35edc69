#!/bin/sh
if [ -z "$APP_TOKEN" ]; then
	echo 'APP_TOKEN is required' >&2
	exit 1
fi
exec tini -- "$@"
echo 'exec failed' >&2
exit 127
