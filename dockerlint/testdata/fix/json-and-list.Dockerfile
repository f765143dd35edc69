FROM debian:12
CMD  [ "/bin/sh", "-c", "cd /srv && /usr/local/bin/app \"$ARG\"" ]  
