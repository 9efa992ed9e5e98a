import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { AccessGate } from './auth/bearer-check';
import { SmartAuth } from './auth/smart-auth';
import { TokenEndpoint } from './auth/token-endpoint';
import { AuthControlHandler } from './control/auth-control.handler';
import { Faults } from './control/faults';
import { ReceivedRequests } from './control/received-requests';
import { EhrRules } from './control/rules';
import { SandboxControlHandler } from './control/sandbox-control.handler';
import { FhirService } from './fhir/fhir.service';
import { FHIR_BASE, FhirHandler } from './http/fhir.handler';
import { HeldAnswers } from './http/held-answers';
import { sandboxListener } from './http/sandbox.server';

export interface SandboxOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  latencyMs: number;
  logLevel: string;
  /** 'smart': the FHIR base demands SMART Backend Services tokens from the start (also switchable at run time). */
  auth?: 'off' | 'smart';
}

export interface RunningSandbox {
  /** `http://host:port/fhir/R4` */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the sandbox EHR: as `main` does, and in-process for test suites that need a FHIR server. */
export async function startSandbox({ host, port, latencyMs, logLevel, auth = 'off' }: SandboxOptions): Promise<RunningSandbox> {
  const logger = pino({ level: logLevel });
  const faults = new Faults({ latencyMs });
  const rules = new EhrRules();
  const held = new HeldAnswers();
  const received = new ReceivedRequests();
  const smartAuth = new SmartAuth({ enabled: auth === 'smart' });
  const fhir = new FhirService(rules); // loads the FHIR definitions: before listening, so the first request is not slow
  const server = createServer();
  await listen(server, port, host);
  // The base URL names the bound port (port 0 picks one), so handlers are attached once it is known.
  const { port: boundPort } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  const baseUrl = `${origin}${FHIR_BASE}`;
  const gate = new AccessGate(smartAuth, rules, (method, path) => fhir.interaction(method, path));
  const handlers = {
    fhir: new FhirHandler(fhir, faults, gate, held, received, baseUrl),
    control: new SandboxControlHandler(faults, rules, received, new AuthControlHandler(smartAuth)),
    token: new TokenEndpoint(smartAuth, origin),
    origin,
    logger,
  };
  server.on('request', sandboxListener(handlers));
  return { baseUrl, close: () => close(server, held) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject).listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Held answers are let go first, and never-answered ones (timeouts) cut: otherwise a long latency or a
 * timeout would keep close() waiting.
 */
function close(server: Server, held: HeldAnswers): Promise<void> {
  held.release();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
