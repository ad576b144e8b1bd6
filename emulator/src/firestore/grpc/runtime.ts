/**
 * @grpc/grpc-js and protobufjs, loaded with `require`. Both are CommonJS; importing them from an
 * ES module would make Node first scan their sources for named exports (cjs-module-lexer), some
 * 15 ms of the emulator's start-up spent on exports it reaches as properties anyway. Types come
 * from ordinary type imports.
 */
import { createRequire } from 'node:module';
import type * as GrpcJs from '@grpc/grpc-js';
import type * as Protobufjs from 'protobufjs/light.js';

const require = createRequire(import.meta.url);

export const grpc = require('@grpc/grpc-js') as typeof GrpcJs;
export const protobuf = require('protobufjs/light.js') as typeof Protobufjs;
