/**
 * Stands in for `re2js` in the web build. Firestore's SDK imports it only to evaluate regular
 * expressions of pipeline queries on the client (`regexMatch`, `regexContains`, `like`), which
 * Hearth never runs; the real library would add 45 KB (gzip) to every signed-in page. Should such
 * an expression ever be evaluated, compiling throws, and the SDK turns that into an evaluation
 * error as it does for an invalid pattern.
 */
export class RE2JS {
  static compile(pattern: string): never {
    throw new Error(`Regular expressions are not available in this app (pattern ${pattern})`);
  }
}
