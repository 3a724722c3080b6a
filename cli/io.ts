/** What the CLI needs from its process: streams, environment, clock. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  colour: boolean;
  /** Current Unix time in seconds, unless --now says otherwise. */
  now(): number;
  /** The bundled scan worker module; without it `scan` runs on this thread. */
  scanWorkerEntry?: URL;
}
