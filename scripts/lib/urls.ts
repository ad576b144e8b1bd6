import type { StackConfig } from './config.js';

export function consoleUrl(config: StackConfig): string {
  return `http://${config.host}:${config.ports.ui}`;
}

export function describeStack(config: StackConfig, webUrl: string | null): string {
  const at = (port: number) => `http://${config.host}:${port}`;
  const rows = [
    ...(webUrl ? [['Web app', webUrl]] : []),
    ['Console', consoleUrl(config)],
    ['Auth', at(config.ports.auth)],
    ['Functions', at(config.ports.functions)],
    ['Firestore', at(config.ports.firestore)],
    ['Storage', at(config.ports.storage)],
    ['Emulator hub', at(config.ports.hub)],
  ];
  const backend = config.backend === 'official' ? "Google's emulators" : 'the Hearth emulator';
  return [
    `✔ ready — project ${config.projectId}, Firestore and Storage from ${backend}`,
    ...rows.map(([name, url]) => `    ${name!.padEnd(13)} ${url}`),
    '  Ctrl-C stops everything.',
  ].join('\n');
}
