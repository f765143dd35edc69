FROM debian:12
cmd   /usr/local/bin/app   --port 8080   
