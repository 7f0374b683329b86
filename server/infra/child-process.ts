import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Spawns a helper server and resolves once `isReady` accepts a line of its output.
 * Rejects with the tail of its output if it exits first or does not become ready in time.
 */
export function spawnUntilReady(
  command: string,
  args: string[],
  isReady: (line: string) => boolean,
  timeoutMs = 30_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ManagedProcess & { readyLine: string }> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`${command} did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\n${output.slice(-20).join('\n')}`));
    };
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        if (isReady(line)) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          child.off('error', onError);
          child.off('exit', onExit);
          child.stdout?.resume();
          child.stderr?.resume();
          resolve({ child, readyLine: line, stop: () => stopProcess(child) });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const onError = (err: Error) => fail(`${command} could not start: ${err.message}`);
    const onExit = (code: number | null) => fail(`${command} exited with code ${code}`);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

export function stopProcess(child: ChildProcess, graceMs = 5_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
