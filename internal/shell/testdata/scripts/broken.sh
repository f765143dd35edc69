#!/bin/sh
if [ "$1" = serve ]; then
	exec app
# missing fi
