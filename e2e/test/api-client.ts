/** The API as a caller sees it: JSON over HTTP with a bearer token. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const res = await new ApiClient(baseUrl).send('POST', '/auth/sign-in', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed with ${res.status}`);
    return new ApiClient(baseUrl, (res.body as { accessToken: string }).accessToken);
  }

  /** The bearer token, for requests that are not JSON (a PDF letter). */
  get accessToken(): string | undefined {
    return this.token;
  }

  // Tests read answers field by field, as a caller does; typing every answer here would add nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; etag: string | null }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, etag: res.headers.get('etag') };
  }

  /** A change as a caller makes it: read the record first (at `readPath`, by default the changed one), then send its ETag as If-Match. */
  async changeAsRead(method: string, path: string, body: unknown, readPath = path): ReturnType<ApiClient['send']> {
    const read = await this.send('GET', readPath);
    if (read.etag === null) throw new Error(`GET ${readPath} answered ${read.status} without an ETag`);
    return this.send(method, path, body, { 'if-match': read.etag });
  }
}
