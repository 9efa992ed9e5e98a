import { eventually, freePort, getJson, startProcess } from '@keta/lifecycle/testing';
import { join } from 'node:path';

const sandboxMain = join(__dirname, '..', 'dist', 'main.js');

// A process start on a busy machine (below) may take longer than the integration tier's 30 s.
jest.setTimeout(60000);

describe('the sandbox process', () => {
  it('starts, serves FHIR without logging bodies, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const sandbox = startProcess(sandboxMain, { SANDBOX_PORT: String(port) });
    const base = `http://127.0.0.1:${port}/fhir/R4`;
    try {
      // Loading the FHIR definitions takes seconds, more on a busy machine (CI runs every tier at once).
      await eventually(() => getJson(`http://127.0.0.1:${port}/health/live`), (r) => r.status === 200, 45000);
      const created = await fetch(`${base}/Patient`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Confidential' }] }),
      });
      expect(created.status).toBe(201);

      sandbox.child.kill('SIGTERM');
      expect(await sandbox.exited).toBe(0);
      const output = sandbox.output();
      expect(output).toContain(`Keta EHR sandbox listening on ${base}`);
      expect(output).toContain('"path":"/fhir/R4/Patient","status":201');
      expect(output).toContain('Keta EHR sandbox stopped');
      expect(output).not.toContain('Confidential');
    } finally {
      sandbox.child.kill('SIGKILL');
    }
  });

  it('exits at once, naming the variable, when its config is invalid', async () => {
    const sandbox = startProcess(sandboxMain, { SANDBOX_PORT: 'nope' });
    let stderr = '';
    sandbox.child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    expect(await sandbox.exited).toBe(78);
    expect(stderr).toMatch(/^Invalid configuration: SANDBOX_PORT /);
    expect(sandbox.output()).toBe(stderr);
  });
});
