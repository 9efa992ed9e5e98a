import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/request-body';
import { sendJson } from '../http/send';
import { parseFaultSettings, type Faults } from './faults';
import type { ReceivedRequests } from './received-requests';

const FAULTS = '/$sandbox/faults';
const REQUESTS = '/$sandbox/requests';

/** The test-facing side, outside the FHIR base: faults to inject and what the FHIR endpoint received. */
export class SandboxControlHandler {
  constructor(
    private readonly faults: Faults,
    private readonly received: ReceivedRequests,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    switch (`${req.method} ${path}`) {
      case `GET ${FAULTS}`:
        return sendJson(res, 200, this.faults.current());
      case `PUT ${FAULTS}`:
        return this.replaceFaults(req, res);
      case `GET ${REQUESTS}`:
        return sendJson(res, 200, { received: this.received.list() });
      case `DELETE ${REQUESTS}`:
        this.received.clear();
        res.writeHead(204).end();
        return;
      default:
        return sendJson(res, path === FAULTS || path === REQUESTS ? 405 : 404, { error: `no ${req.method} ${path}` });
    }
  }

  private async replaceFaults(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, 64 * 1024);
    const settings = raw === 'too-large' ? 'body too large' : parseFaultSettings(parseJson(raw.toString('utf8')));
    if (typeof settings === 'string') return sendJson(res, 400, { error: settings });
    this.faults.replace(settings);
    sendJson(res, 200, this.faults.current());
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
