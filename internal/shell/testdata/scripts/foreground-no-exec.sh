#!/bin/sh
envsubst < /etc/web/site.template > /etc/web/site.conf
web-server -g 'daemon off;'
