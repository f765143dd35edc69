FROM debian:12
CMD /usr/local/bin/app | tee /var/log/app.log
