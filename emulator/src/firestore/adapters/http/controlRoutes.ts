/**
 * The emulator's control endpoints, as Google's Firestore emulator serves them to firebase-tools
 * and @firebase/rules-unit-testing: health, security rules, clearing data, rule coverage, export.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Databases } from '../../database/databases.js';
import type { RulesRegistry } from '../../security/rulesRegistry.js';
import { readBody, sendJson, type Route } from './router.js';

export interface ControlContext {
  databases: Databases;
  rules: RulesRegistry;
  exportData(dir: string): Promise<void>;
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
      handle: (_req, res, [project, database]) => {
        context.databases
          .get({ projectId: project as string, database: database as string })
          .clear();
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
