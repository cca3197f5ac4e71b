/** The worker side of worker-pool.ts: answers each posted task with its handler's result or error. */
import { parentPort } from 'node:worker_threads';

export type TaskRequest = { id: number; task: unknown };
export type TaskReply =
  /** Sent once, when the worker is listening. */
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; stack?: string } };

export function serveTasks<Task, Result>(handle: (task: Task) => Result): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  port.on('message', ({ id, task }: TaskRequest) => {
    let reply: TaskReply;
    try {
      reply = { id, ok: true, value: handle(task as Task) };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      reply = { id, ok: false, error: { message: error.message, stack: error.stack } };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies TaskReply);
}
