/** A worker for the pool's tests: tasks that answer, sleep, throw, exit or sum transferred bytes. */
import { threadId } from 'node:worker_threads';
import { serveTasks } from '../src/worker-tasks.js';

export type TestTask =
  | { op: 'echo'; value: number; sleepMs?: number }
  | { op: 'throw'; message: string }
  | { op: 'exit'; code: number }
  | { op: 'sum'; bytes: Uint8Array };

export type TestResult = { value: number; threadId: number };

const sleeper = new Int32Array(new SharedArrayBuffer(4));

serveTasks<TestTask, TestResult>((task) => {
  switch (task.op) {
    case 'echo':
      if (task.sleepMs) Atomics.wait(sleeper, 0, 0, task.sleepMs);
      return { value: task.value, threadId };
    case 'throw':
      throw new Error(task.message);
    case 'exit':
      process.exit(task.code);
      break;
    case 'sum':
      return { value: task.bytes.reduce((a, b) => a + b, 0), threadId };
  }
  throw new Error('unknown task');
});
