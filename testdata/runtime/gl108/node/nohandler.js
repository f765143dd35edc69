// A server with no signal handler: its cleanup runs only if node exits normally.
const http = require('http');

const server = http.createServer((req, res) => res.end('ok\n'));
server.listen(8080, '127.0.0.1', () => console.log('gracelint-test: ready'));
process.on('exit', () => console.log('gracelint-test: cleanup done'));
