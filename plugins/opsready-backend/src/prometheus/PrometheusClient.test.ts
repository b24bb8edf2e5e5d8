import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import {
  PrometheusClient,
  PrometheusUnavailableError,
} from './PrometheusClient';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('PrometheusClient', () => {
  let server: Server;
  let handler: Handler;
  let url: string;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      handler(req, res);
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const client = (timeoutMs = 2000, concurrency = 4) =>
    new PrometheusClient(
      [
        {
          name: 'main',
          url,
          headers: { authorization: 'Bearer s3cret' },
          timeoutMs,
        },
      ],
      { concurrency },
    );
  const answer =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  const vector = (...values: string[]) => ({
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map(v => ({ metric: {}, value: [1700000000, v] })),
    },
  });

  it('sends the query, the time and the headers, and reads a vector', async () => {
    handler = answer(200, vector('0.25'));
    await expect(
      client().query('main', 'sum(up)', new Date('2026-01-01T00:00:00.5Z')),
    ).resolves.toBe(0.25);
    const request = new URL(seen[0].url!, url);
    expect(request.pathname).toBe('/api/v1/query');
    expect(request.searchParams.get('query')).toBe('sum(up)');
    expect(request.searchParams.get('time')).toBe('1767225600.5');
    expect(seen[0].headers.authorization).toBe('Bearer s3cret');
  });

  it('reads a scalar, and takes an empty vector and NaN for no data', async () => {
    handler = answer(200, {
      status: 'success',
      data: { resultType: 'scalar', result: [1700000000, '3'] },
    });
    await expect(client().query('main', '3')).resolves.toBe(3);
    handler = answer(200, vector());
    await expect(client().query('main', 'x')).resolves.toBeUndefined();
    handler = answer(200, vector('NaN'));
    await expect(client().query('main', 'x')).resolves.toBeUndefined();
  });

  it('says the server is unavailable for an error status or an HTTP error, never showing the headers', async () => {
    handler = answer(400, {
      status: 'error',
      errorType: 'bad_data',
      error: 'parse error',
    });
    const error = await client()
      .query('main', 'x(')
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusUnavailableError);
    expect(error.message).toBe(
      'Prometheus main did not answer: HTTP 400, bad_data: parse error',
    );
    handler = answer(503, 'Service Unavailable');
    await expect(client().query('main', 'x')).rejects.toThrow(
      'Prometheus main did not answer: HTTP 503, Service Unavailable',
    );
    handler = answer(200, { status: 'error', error: 'boom' });
    await expect(client().query('main', 'x')).rejects.toThrow(
      'Prometheus main did not answer: error: boom',
    );
    handler = answer(200, vector('1', '2'));
    await expect(client().query('main', 'x')).rejects.toThrow(
      'the query gave 2 series where one was expected',
    );
    await expect(client().query('main', 'x')).rejects.not.toThrow(/s3cret/);
  });

  it('gives up after the timeout', async () => {
    handler = () => {}; // never answers
    await expect(client(100).query('main', 'x')).rejects.toThrow(
      'Prometheus main did not answer: no answer within 100 ms',
    );
  });

  it('names the reason when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise(r => closed.close(r));
    const gone = new PrometheusClient(
      [
        {
          name: 'gone',
          url: `http://127.0.0.1:${port}`,
          headers: {},
          timeoutMs: 2000,
        },
      ],
      { concurrency: 1 },
    );
    await expect(gone.query('gone', 'x')).rejects.toThrow(
      /^Prometheus gone did not answer: fetch failed \(ECONNREFUSED\)$/,
    );
  });

  it('keeps at most `concurrency` queries in flight', async () => {
    let inFlight = 0;
    let most = 0;
    handler = (_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        answer(200, vector('1'))(_req, res);
      }, 30);
    };
    const c = client(2000, 2);
    await Promise.all(Array.from({ length: 7 }, () => c.query('main', 'x')));
    expect(seen).toHaveLength(7);
    expect(most).toBe(2);
  });

  const matrix = (...series: Array<Array<[number, string]>>) => ({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map(values => ({ metric: {}, values })),
    },
  });

  it('asks a range query with its start, end and step, and reads its series without the steps of no data', async () => {
    handler = answer(
      200,
      matrix([
        [1767225600, '0.5'],
        [1767229200, 'NaN'],
        [1767232800, '2'],
      ]),
    );
    await expect(
      client().queryRange(
        'main',
        'sum(rate(x[1h]))',
        new Date('2026-01-01T00:00:00Z'),
        new Date('2026-01-01T02:00:00Z'),
        3600,
      ),
    ).resolves.toEqual([
      { at: new Date('2026-01-01T00:00:00Z'), value: 0.5 },
      { at: new Date('2026-01-01T02:00:00Z'), value: 2 },
    ]);
    const request = new URL(seen[0].url!, url);
    expect(request.pathname).toBe('/api/v1/query_range');
    expect(Object.fromEntries(request.searchParams)).toEqual({
      query: 'sum(rate(x[1h]))',
      start: '1767225600',
      end: '1767232800',
      step: '3600',
    });
    expect(seen[0].headers.authorization).toBe('Bearer s3cret');
    handler = answer(200, matrix());
    await expect(
      client().queryRange('main', 'x', new Date(0), new Date(60_000), 60),
    ).resolves.toEqual([]);
  });

  it('says the server is unavailable when a range query fails, times out or gives several series', async () => {
    const range = (c = client()) =>
      c.queryRange('main', 'x', new Date(0), new Date(60_000), 60);
    handler = answer(422, {
      status: 'error',
      errorType: 'execution',
      error: 'too many points',
    });
    await expect(range()).rejects.toThrow(
      'Prometheus main did not answer: HTTP 422, execution: too many points',
    );
    handler = answer(200, matrix([[0, '1']], [[0, '2']]));
    await expect(range()).rejects.toThrow(
      'the query gave 2 series where one was expected',
    );
    handler = answer(200, vector('1'));
    await expect(range()).rejects.toBeInstanceOf(PrometheusUnavailableError);
    handler = () => {}; // never answers
    await expect(range(client(100))).rejects.toThrow(
      'Prometheus main did not answer: no answer within 100 ms',
    );
    await expect(
      client().queryRange('main', 'x', new Date(60_000), new Date(0), 60),
    ).rejects.toThrow('Not a range');
  });

  it('refuses a server it does not know, and defaults to the first', async () => {
    expect(client().defaultServer).toBe('main');
    await expect(client().query('other', 'x')).rejects.toThrow(
      'No Prometheus server named other is configured',
    );
  });
});
