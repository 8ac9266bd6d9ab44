/**
 * A connection URL as it may be shown in a message or a log: the password, if any, replaced by `***`. A
 * variable refused at start is echoed so that its mistake can be seen, but its password must not end up in
 * a terminal scroll-back or a log. Works on text no URL parser accepts, since that is when it is shown: the
 * user information is whatever precedes the last `@`, after the `//` if there is one, and its password
 * whatever follows its first `:`.
 */
export function withPasswordHidden(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const slashes = url.indexOf('//');
  const userStart = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  const colon = url.indexOf(':', userStart);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon)}:***${url.slice(at)}`;
}
