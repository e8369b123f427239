/**
 * AbortSignal, which ES2022 does not declare although every host of the core has it (Node, browsers, Web Workers),
 * as far as the core names it: the core hands one to the platform's fetch (`FetchLike`). For shared/ alone; the
 * platforms compile with their own full declaration, which this one agrees with.
 */
interface AbortSignal {
  readonly aborted: boolean;
}
