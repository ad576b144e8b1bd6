/**
 * The stack the console looks at, as its server describes it at `/api/config`: the project and
 * each emulator's host and port (from firebase.json and the firebase-tools hub). The console knows
 * nothing else about the stack.
 */
import { requestJson } from './http';

export type ServiceName =
  | 'firestore'
  | 'storage'
  | 'auth'
  | 'functions'
  | 'hub'
  | 'logging'
  | 'eventarc'
  | 'tasks'
  | 'hosting'
  | 'ui';

export interface ServiceAddress {
  host: string;
  port: number;
}

export interface StackDescription {
  projectId: string;
  emulators: Partial<Record<ServiceName, ServiceAddress>>;
  /** Whether the Hearth emulator's triggers bridge runs (and so keeps a delivery log). */
  bridge: boolean;
}

export function loadStack(): Promise<StackDescription> {
  return requestJson<StackDescription>('/api/config');
}

/** Which emulators accept connections now, as the console's server sees them. */
export function loadHealth(): Promise<Partial<Record<ServiceName, boolean>>> {
  return requestJson('/api/health');
}

export function originOf(address: ServiceAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `http://${host}:${address.port}`;
}
