import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { StopRequest, runnerStopSignal, type SignalSource } from '../../shared/stop-signal.js';

const runner = (): EventEmitter & SignalSource => new EventEmitter() as EventEmitter & SignalSource;

describe('runnerStopSignal', () => {
  it.each(['SIGINT', 'SIGTERM'])('aborts with a StopRequest naming %s', (name) => {
    const process = runner();
    const signal = runnerStopSignal(process);
    expect(signal.aborted).toBe(false);
    process.emit(name);
    expect(signal.reason).toBeInstanceOf(StopRequest);
    expect((signal.reason as Error).message).toMatch(new RegExp(`^${name} from the runner`));
  });

  it("leaves the next signal to Node's default, which ends the process", () => {
    const process = runner();
    runnerStopSignal(process);
    process.emit('SIGINT');
    expect(process.listenerCount('SIGINT')).toBe(0);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
