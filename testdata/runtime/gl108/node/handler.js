// A server that stops on SIGTERM and SIGINT: it closes its listener, runs its
// cleanup and exits 0.
const http = require('http');

const server = http.createServer((req, res) => res.end('ok\n'));
server.listen(8080, '127.0.0.1', () => console.log('gracelint-test: ready'));

function stop(signal) {
  console.log('gracelint-test: got ' + signal);
  server.close(() => {
    console.log('gracelint-test: cleanup done');
    process.exit(0);
  });
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
