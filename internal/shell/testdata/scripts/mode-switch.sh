#!/bin/sh
set -e
case "$1" in
	serve)
		shift
		exec /usr/bin/app serve "$@"
		;;
	shell)
		/bin/sh
		;;
	--help|-h)
		echo "usage: serve | shell | COMMAND" >&2
		exit 0
		;;
	*)
		exec "$@"
		;;
esac
