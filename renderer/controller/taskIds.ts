let counter = 0;

/** A task id the UI names so that it can show progress and cancel while it waits. */
export function newTaskId(kind: string): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
