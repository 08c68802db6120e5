import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One request with node:http, which, unlike fetch, sends any Host, Origin or Sec-Fetch-Site a
 * test gives it (a browser's or an attacker's), and follows no redirect.
 */
export function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // Every body framed by its length, as browsers send it: node:http would send a DELETE's body
    // with neither a length nor chunks, and the server would read it as the next request.
    const length = options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    const req = http.request(url, { method: options.method ?? 'GET', headers: { ...length, ...options.headers }, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A multipart body with one file in the field `file`, as a browser's upload sends it. */
export function multipart(name: string, text: string): { body: Buffer; contentType: string } {
  const boundary = `----stockcast${Math.random().toString(16).slice(2)}`;
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n--${boundary}--\r\n`,
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
