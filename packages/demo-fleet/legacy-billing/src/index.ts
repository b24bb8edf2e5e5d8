import { createServer } from 'node:http';

// Renders invoices; the HTTP server only answers health probes and metrics.
const port = Number(process.env.PORT ?? 7115);
createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404).end();
}).listen(port);
