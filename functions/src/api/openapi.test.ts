import { describe, expect, it } from 'vitest';
import { componentValidator, responseValidator } from '../testing/apiOpenApi.js';
import { everyTodoField } from '../testing/everyTodoField.js';
import { buildOpenApi } from './openapi.js';
import { createOperations } from './routes.js';
import type { ApiStore } from './store.js';

const operations = createOperations({} as ApiStore);
const document = buildOpenApi(operations);

const todo = {
  id: 't1',
  listId: 'l1',
  ...everyTodoField,
  completedAt: null,
  createdBy: 'u1',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  attachmentCount: 0,
};

const component = (name: string) => componentValidator(document, name);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every operation at its path and method', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const operation of operations) {
      const described = document.paths[operation.path]?.[operation.method.toLowerCase()];
      expect(described, `${operation.method} ${operation.path}`).toMatchObject({
        operationId: operation.operationId,
      });
    }
  });

  it('names a server that resolves to the API base wherever the document is fetched from', () => {
    const base = (documentUrl: string) => new URL(document.servers[0]!.url, documentUrl).href;
    expect(base('https://hearth.web.app/api/v1/openapi.json')).toBe(
      'https://hearth.web.app/api/v1',
    );
    expect(base('http://127.0.0.1:5001/demo-hearth/us-central1/api/api/v1/openapi.json')).toBe(
      'http://127.0.0.1:5001/demo-hearth/us-central1/api/api/v1',
    );
  });

  it('requires the bearer token exactly where the API does', () => {
    const security = (path: string, method: string) =>
      (document.paths[path]?.[method] as { security: unknown[] }).security;
    expect(security('/users/{username}', 'get')).toEqual([]);
    expect(security('/lists/{listId}/todos', 'get')).toEqual([{ firebaseIdToken: [] }]);
  });

  it('describes path and query parameters', () => {
    const listTodos = document.paths['/lists/{listId}/todos']?.get as {
      parameters: Array<Record<string, unknown>>;
    };
    expect(listTodos.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['listId', 'path', true],
      ['status', 'query', false],
      ['limit', 'query', false],
      ['cursor', 'query', false],
    ]);
  });

  it('has only references that resolve', () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas, ref).toHaveProperty(name);
    }
  });

  it('validates real shapes and refuses wrong ones through its own schemas', () => {
    expect(component('Todo').safeParse(todo).success).toBe(true);
    expect(component('Todo').safeParse({ ...todo, priority: 'high' }).success).toBe(false);
    expect(component('Todo').safeParse({ ...todo, secret: 1 }).success).toBe(false);
    expect(component('TodoPage').safeParse({ todos: [todo], nextCursor: null }).success).toBe(true);
    expect(
      component('TodoPage').safeParse({
        todos: [{ ...todo, createdAt: 'yesterday' }],
        nextCursor: null,
      }).success,
    ).toBe(false);
    expect(
      component('PublicProfile').safeParse({
        username: 'a',
        displayName: 'A',
        memberSince: todo.createdAt,
      }).success,
    ).toBe(true);
    expect(
      component('PublicProfile').safeParse({
        username: 'a',
        displayName: 'A',
        memberSince: todo.createdAt,
        uid: 'x',
      }).success,
    ).toBe(false);
    expect(
      component('Error').safeParse({ error: { code: 'not-found', message: 'No.' } }).success,
    ).toBe(true);
    expect(
      component('Error').safeParse({ error: { code: 'teapot', message: 'No.' } }).success,
    ).toBe(false);
  });

  it('lists the documented response of each status', () => {
    expect(
      responseValidator(document, 'GET', '/lists/{listId}/todos/{todoId}', 200)?.safeParse(todo)
        .success,
    ).toBe(true);
    expect(responseValidator(document, 'DELETE', '/lists/{listId}/todos/{todoId}', 204)).toBeNull();
    expect(() => responseValidator(document, 'GET', '/lists', 409)).toThrow(/lists no 409/);
  });

  it('describes request bodies as callers write them: defaults optional, extra fields refused', () => {
    expect(component('TodoCreate').safeParse({ title: 'Milk' }).success).toBe(true);
    expect(component('TodoCreate').safeParse({ title: 'Milk', createdBy: 'x' }).success).toBe(
      false,
    );
    expect(
      component('TodoCreate').safeParse({ title: 'Milk', due: { date: '2030-01-31' } }).success,
    ).toBe(true);
    expect(
      component('TodoCreate').safeParse({ title: 'Milk', dueAt: '2030-01-31T09:00:00+01:00' })
        .success,
    ).toBe(false);
    expect(component('TodoUpdate').safeParse({ priority: 9 }).success).toBe(false);
  });

  it('describes the request body of every operation that reads one', () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      const described = document.paths[operation.path]?.[operation.method.toLowerCase()] as {
        requestBody?: unknown;
      };
      expect(described.requestBody, `${operation.method} ${operation.path}`).toMatchObject({
        required: true,
        content: { 'application/json': { schema: expect.any(Object) } },
      });
    }
    expect(component('ListCreate').safeParse({ title: 'Home' }).success).toBe(true);
    expect(component('MemberInvite').safeParse({ username: 'ada', role: 'editor' }).success).toBe(
      true,
    );
    expect(component('MemberInvite').safeParse({ username: 'ada', role: 'owner' }).success).toBe(
      false,
    );
    expect(component('MemberRoleChange').safeParse({ role: 'viewer' }).success).toBe(true);
    expect(component('MemberRoleChange').safeParse({ role: 'viewer', uid: 'x' }).success).toBe(
      false,
    );
  });

  it('describes members as listMembers answers them', () => {
    const member = { uid: 'u1', role: 'owner', username: null, displayName: 'Ada' };
    const members = responseValidator(document, 'GET', '/lists/{listId}/members', 200);
    expect(members?.safeParse({ members: [member] }).success).toBe(true);
    expect(members?.safeParse({ members: [{ ...member, email: 'a@b.c' }] }).success).toBe(false);
    expect(
      responseValidator(document, 'POST', '/lists/{listId}/members', 201)?.safeParse(member)
        .success,
    ).toBe(true);
    expect(responseValidator(document, 'DELETE', '/lists/{listId}/members/{uid}', 204)).toBeNull();
    expect(
      responseValidator(document, 'PATCH', '/lists/{listId}/members/{uid}', 403),
    ).not.toBeNull();
  });
});
