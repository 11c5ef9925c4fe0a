// The boundary's character check: a NUL byte or another control character in any field, query
// parameter or path parameter of a request is refused with a 400 naming where it was, before the
// route's schema or the database ever see it (PostgreSQL cannot store NUL in text; a control
// character in a name breaks the Word and Excel files that print it).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { findForbidden } from '../text/clean.ts';

export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const found = findForbidden(req.params, 'params') ?? findForbidden(req.query, 'query') ?? findForbidden(req.body, 'body');
    if (!found) return;
    throw new AppError('validation_failed', {
      zh: `请求格式不正确（${found.path}：含有不允许的控制字符 ${found.char}）`,
      en: `The request is not well-formed (${found.path}: contains the control character ${found.char}, which is not allowed)`,
    });
  });
}
