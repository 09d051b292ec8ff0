/** App-wide notices that no single view owns, such as a read model catching up; the shell shows them. */
type Listener = (notice: string | null) => void;

const listeners = new Set<Listener>();

export function announce(notice: string | null): void {
  for (const listener of listeners) listener(notice);
}

export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
