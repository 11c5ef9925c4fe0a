// A multipart/form-data body with one file field, for app.inject.
export function multipartFile(filename: string, content: string | Uint8Array, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----leitai${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
