// The one way routes read an uploaded file: the multipart field `file`, whole, as bytes.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { stripForbidden } from '../text/clean.ts';

export interface UploadedFile {
  data: Uint8Array;
  filename: string;
}

const MB = 1024 * 1024;

/**
 * The multipart `file` field; a clear 400 when the request is not multipart or lacks it, and 413
 * naming the limit when the file is larger than `maxBytes` (reading stops there).
 */
export async function uploadedFile(req: FastifyRequest, opts: { maxBytes?: number } = {}): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError('validation_failed', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
  const file = await req.file(opts.maxBytes === undefined ? undefined : { limits: { fileSize: opts.maxBytes } });
  if (!file) throw new AppError('validation_failed', { zh: '缺少文件字段 file', en: 'The multipart field "file" is missing' });
  try {
    return { data: new Uint8Array(await file.toBuffer()), filename: stripForbidden(file.filename) };
  } catch (e) {
    if (opts.maxBytes !== undefined && (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const limit = `${Math.round((opts.maxBytes / MB) * 10) / 10} MB`;
      throw new AppError('validation_failed', { zh: `文件超过 ${limit} 的上限`, en: `The file is larger than the limit of ${limit}` }, undefined, undefined, 413);
    }
    throw e;
  }
}
