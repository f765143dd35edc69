#!/bin/sh
export APP_HOME=/opt/app
. /opt/app/bin/run.sh
