import { CircuitBreaker, type CircuitState } from './circuit-breaker';

function queue() {
  const calls: string[] = [];
  return { calls, pause: async () => void calls.push('pause'), resume: async () => void calls.push('resume') };
}

describe('a connection\'s circuit', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens after the threshold of failures in a row, pausing the queue, and probes after the cooldown', async () => {
    const q = queue();
    const states: CircuitState[] = [];
    const breaker = new CircuitBreaker(q, 3, 1000, (s) => states.push(s));
    await breaker.failed();
    breaker.succeeded();
    await breaker.failed();
    await breaker.failed();
    expect(breaker.current()).toBe('closed');
    await breaker.failed();
    expect([breaker.current(), q.calls]).toEqual(['open', ['pause']]);
    await breaker.failed();
    expect(q.calls).toEqual(['pause']);
    await jest.advanceTimersByTimeAsync(999);
    expect(breaker.current()).toBe('open');
    await jest.advanceTimersByTimeAsync(1);
    expect([breaker.current(), q.calls]).toEqual(['half-open', ['pause', 'resume']]);
    breaker.succeeded();
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again at once when the probe fails', async () => {
    const q = queue();
    const breaker = new CircuitBreaker(q, 1, 500);
    await breaker.failed();
    await jest.advanceTimersByTimeAsync(500);
    await breaker.failed();
    expect([breaker.current(), q.calls]).toEqual(['open', ['pause', 'resume', 'pause']]);
    breaker.stop();
  });
});
