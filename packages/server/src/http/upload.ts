// The one way routes read an uploaded file: the multipart field `file`, whole, as bytes.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export interface UploadedFile {
  data: Uint8Array;
  filename: string;
}

/** The multipart `file` field; a clear 400 when the request is not multipart or lacks it. */
export async function uploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError('validation_failed', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
  const file = await req.file();
  if (!file) throw new AppError('validation_failed', { zh: '缺少文件字段 file', en: 'The multipart field "file" is missing' });
  return { data: new Uint8Array(await file.toBuffer()), filename: file.filename };
}
