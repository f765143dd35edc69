FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/api /usr/local/bin/api
# gracelint ignore=GL107
ENTRYPOINT ["/usr/local/bin/api"]
