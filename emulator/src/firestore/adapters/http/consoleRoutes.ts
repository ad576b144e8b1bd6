/**
 * What the Hearth Console reads beyond Google's endpoints (Google's emulator has none of these):
 * the rules request log, the databases of a project, and a feed of the documents each commit (or
 * clear, or import) changed, as server-sent events.
 */
import type { Databases } from '../../database/databases.js';
import { EventStream } from '../../../observe/eventStream.js';
import { serveRequestLog, type RequestLog } from '../../../observe/requestLog.js';
import { sendJson, type Route } from './router.js';

export interface ConsoleContext {
  databases: Databases;
  requestLog: RequestLog;
}

/** Paths changed close together go out as one event. */
const COALESCE_MS = 100;

export function consoleRoutes(context: ConsoleContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/]+)\/requests(?:\/(\d+))?$/,
      handle: (req, res, [project, id]) =>
        serveRequestLog(context.requestLog, req, res, project as string, id),
    },
    {
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/]+)\/databases$/,
      handle: (_req, res, [project]) => {
        const databases = context.databases
          .all()
          .filter((db) => db.id.projectId === project)
          .map((db) => ({ name: `projects/${project}/databases/${db.id.database}` }));
        sendJson(res, 200, { databases });
      },
    },
    {
      method: 'GET',
      path: /^\/emulator\/v1\/projects\/([^/]+)\/databases\/([^/]+)\/changes$/,
      handle: (_req, res, [project, database]) => {
        const stream = new EventStream(res);
        let pending = new Set<string>();
        let timer: NodeJS.Timeout | undefined;
        const flush = () => {
          timer = undefined;
          stream.send('commit', { database, paths: [...pending] });
          pending = new Set();
        };
        // Observing costs the commits nothing until a console connects, and stops when it leaves.
        const stop = context.databases.observe((db, changes) => {
          if (db.id.projectId !== project || db.id.database !== database) return;
          for (const change of changes) pending.add(change.path);
          timer ??= setTimeout(flush, COALESCE_MS);
        });
        stream.onClose(() => {
          stop();
          clearTimeout(timer);
        });
      },
    },
  ];
}
