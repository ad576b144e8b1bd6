/**
 * The emulator's control endpoints, as Google's Firestore emulator serves them to firebase-tools,
 * @firebase/rules-unit-testing and its Emulator UI: health, security rules, clearing data or one
 * subtree, rule coverage, export.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Databases } from '../../database/databases.js';
import { parseResourceName } from '../../../model/path.js';
import type { IndexEnforcement } from '../../indexes/indexEnforcement.js';
import type { RulesRegistry } from '../../security/rulesRegistry.js';
import { readBody, sendJson, type Route } from './router.js';

export interface ControlContext {
  databases: Databases;
  rules: RulesRegistry;
  exportData(dir: string): Promise<void>;
  /** Index enforcement, whose missing indexes `:missingIndexes` lists. */
  indexes?: IndexEnforcement;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument('The request body is not valid JSON.');
  }
}

export function controlRoutes(context: ControlContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/$/,
      handle: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('Ok');
      },
    },
    {
      // Hearth: the indexes queries lacked, as firestore.indexes.json entries.
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/:]+):missingIndexes$/,
      handle: (_req, res, [project]) => {
        const missing = context.indexes?.missingIndexes(project as string);
        sendJson(res, 200, {
          enforced: context.indexes?.enabled ?? false,
          indexes: missing?.indexes ?? [],
          fieldOverrides: missing?.fieldOverrides ?? [],
        });
      },
    },
    {
      method: 'PUT',
      path: /^\/emulator\/v1\/projects\/([^/:]+):securityRules$/,
      handle: async (req, res, [project]) => {
        const body = parseJson(await readBody(req)) as {
          rules?: { files?: { content?: unknown }[] };
        };
        const files = body?.rules?.files;
        if (!Array.isArray(files) || files.length === 0 || typeof files[0]?.content !== 'string') {
          throw invalidArgument('Expected {"rules": {"files": [{"content": "..."}]}}.');
        }
        context.rules.setProjectRules(project as string, files[0].content as string);
        sendJson(res, 200, {});
      },
    },
    {
      method: 'DELETE',
      path: /^\/emulator\/v1\/projects\/([^/]+)\/databases\/([^/]+)\/documents\/?$/,
      handle: async (_req, res, [project, database]) => {
        context.databases
          .get({ projectId: project as string, database: database as string })
          .clear();
        // Answered once journaled, like a commit, when the emulator persists.
        await context.databases.durable();
        sendJson(res, 200, {});
      },
    },
    {
      method: 'DELETE',
      path: /^\/emulator\/v1\/projects\/([^/]+)\/databases\/([^/]+)\/documents\/(.+?)\/?$/,
      handle: async (_req, res, [project, database, path]) => {
        deleteSubtree(context.databases, project as string, database as string, path as string);
        await context.databases.durable();
        sendJson(res, 200, {});
      },
    },
    {
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/:]+)(?:\/databases\/[^/:]+)?:ruleCoverage$/,
      handle: (_req, res, [project]) => {
        const ruleset = context.rules.rulesetFor(project as string);
        sendJson(res, 200, ruleset ? ruleset.coverageJson() : {});
      },
    },
    {
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/:]+)(?:\/databases\/[^/:]+)?:ruleCoverage\.html$/,
      handle: (_req, res, [project]) => {
        const ruleset = context.rules.rulesetFor(project as string);
        const html = ruleset
          ? ruleset.coverageHtml()
          : '<!doctype html><title>Rule coverage</title><p>No rules loaded for this project.</p>';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      },
    },
    {
      method: 'POST',
      path: /^\/emulator\/v1\/projects\/([^/:]+):export$/,
      handle: async (req, res) => {
        const body = parseJson(await readBody(req)) as { export_directory?: unknown };
        if (typeof body?.export_directory !== 'string')
          throw invalidArgument('Expected {"export_directory": "..."}.');
        await context.exportData(body.export_directory);
        sendJson(res, 200, {});
      },
    },
  ];
}

/**
 * A document or collection with everything under it, deleted in one commit: unlike clearing the
 * whole database (a reset, which fires nothing), listeners and triggers see each document go, as
 * after a recursive delete in production.
 */
function deleteSubtree(
  databases: Databases,
  projectId: string,
  database: string,
  path: string,
): void {
  const root = `projects/${projectId}/databases/${database}/documents`;
  const { segments } = parseResourceName(`${root}/${path}`);
  const prefix = segments.join('/');
  const db = databases.get({ projectId, database });
  const names: string[] = [];
  for (const doc of db.store.all()) {
    const docPath = doc.name.slice(root.length + 1);
    if (docPath === prefix || docPath.startsWith(`${prefix}/`)) names.push(doc.name);
  }
  if (names.length > 0) db.commit(names.map((name) => ({ delete: name })));
}
