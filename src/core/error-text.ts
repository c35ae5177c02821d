// An error's message for people to read, whatever was thrown.
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
