/**
 * The emulator's own endpoints, as firebase-tools' Storage emulator has them: @firebase/rules-unit-testing
 * loads rules with PUT /internal/setRules; tools reset and export through the others.
 */
import type { StorageContext } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { readJson } from '../http/body.js';
import type { Exchange } from '../http/exchange.js';
import { sendEmpty, sendJson } from '../http/respond.js';

export async function handleInternal(
  ctx: StorageContext,
  ex: Exchange,
  exportData: (dir: string) => Promise<void>,
): Promise<void> {
  const route = `${ex.method} /${ex.segments.join('/')}`;
  switch (route) {
    case 'PUT /internal/setRules':
      return setRules(ctx, ex);
    case 'POST /internal/reset':
      await ctx.store.clear();
      return sendEmpty(ex.res, 200);
    case 'POST /internal/signingKeys': {
      const email = ctx.signingKeys.add(await readJson(ex.req));
      ctx.log(
        `storage: verifying signed URLs of ${email} (registered through /internal/signingKeys)`,
      );
      return sendJson(ex.res, 200, { accounts: ctx.signingKeys.emails() });
    }
    case 'GET /internal/signingKeys':
      return sendJson(ex.res, 200, { accounts: ctx.signingKeys.emails() });
    case 'POST /internal/export': {
      const body = (await readJson(ex.req)) as { path?: unknown } | undefined;
      if (typeof body?.path !== 'string' || body.path === '')
        throw new BadRequestError("Export request body must include 'path'.");
      await exportData(body.path);
      return sendEmpty(ex.res, 200);
    }
    default:
      throw new NotFoundError(`Not Found: ${ex.url.pathname}`);
  }
}

async function setRules(ctx: StorageContext, ex: Exchange): Promise<void> {
  const body = (await readJson(ex.req)) as { rules?: { files?: unknown } } | undefined;
  const files = body?.rules?.files;
  if (!Array.isArray(files) || files.length === 0) {
    throw new BadRequestError("Request body must include a non-empty 'rules.files' array.");
  }
  if (files.length > 1)
    throw new BadRequestError(
      'One rules file applies to every bucket; per-bucket rules are not supported.',
    );
  const file = files[0] as { name?: unknown; content?: unknown };
  if (typeof file.content !== 'string')
    throw new BadRequestError("Each member of 'rules.files' must have a string 'content'.");
  const issues = ctx.gate.load(
    file.content,
    typeof file.name === 'string' ? file.name : 'storage.rules',
  );
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    return sendJson(ex.res, 400, {
      error: {
        code: 400,
        message: errors
          .map((issue) => `L${issue.line}:${issue.column} ${issue.message}`)
          .join('\n'),
        errors: [],
      },
      issues,
    });
  }
  sendJson(ex.res, 200, { message: 'Rules updated successfully', issues });
}
