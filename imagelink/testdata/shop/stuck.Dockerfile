# The binary is built before docker build: go build -o bin/stuck ./cmd/stuck
FROM gcr.io/distroless/static-debian12
COPY bin/stuck /stuck
CMD ["/stuck"]
