/**
 * FirestoreService's methods as values, for the wire adapters' tables of RPCs (adapters/grpc/ and
 * adapters/rest/): an entry names the method that answers its RPC, and the adapter calls it on the
 * service it serves (`method.call(service, caller, request)`), where a closure around each call
 * would cost every entry a few lines.
 */
import type { Caller } from '../security/caller.js';
import { FirestoreService } from './firestoreService.js';

/** A method answering one request. */
export type ServiceMethod<Req, Res> = (
  this: FirestoreService,
  caller: Caller,
  request: Req,
) => Promise<Res>;

export const methods = FirestoreService.prototype;
