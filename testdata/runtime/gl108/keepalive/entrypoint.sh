#!/bin/sh
/usr/local/bin/app >/tmp/app.log 2>&1 &
exec tail -F /tmp/app.log
