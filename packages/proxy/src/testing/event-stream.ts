/** Reads a Server-Sent Events response as text, for tests that wait for a given event. */
export function readEventStream(response: Response): {
  /** Everything received so far. */
  text(): string;
  /** Reads until the received text matches (or the stream ends). */
  until(pattern: RegExp): Promise<string>;
  close(): Promise<void>;
} {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  return {
    text: () => received,
    until: async (pattern) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value;
      }
      return received;
    },
    close: () => reader.cancel(),
  };
}
