FROM debian:12
CMD ['/usr/local/bin/app', '--port', '8080']
