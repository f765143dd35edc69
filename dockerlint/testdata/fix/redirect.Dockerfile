FROM debian:12
CMD set -e; cd /srv; ./app > /var/log/app.log 2>&1
