// Content-Disposition for a download (RFC 6266 / 5987): an ASCII fallback name for old clients and
// the exact UTF-8 name (Chinese titles) for every current browser.
export function attachment(filename: string, asciiFallback?: string): string {
  const ascii = (asciiFallback ?? filename).replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
