# escape=`
FROM debian:12
# start the app
ENTRYPOINT /usr/local/bin/app `
    --config "/etc/app/app config.yaml" `
# the port

    --port 8080
LABEL x=y
