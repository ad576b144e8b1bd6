// @vitest-environment node
import { doc, getDoc } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { paths, storagePaths, todoCreateSchema } from '@model';
import type { AttachmentFile } from '../ports';
import { useEmulators } from '@/testing/emulators';
import { createAttachmentsGateway } from './attachmentsGateway';
import { createListsGateway } from './listsGateway';
import { createTodosGateway } from './todosGateway';

const emulators = useEmulators('demo-attachments-gateway');
const asAlice = emulators.firestoreAs('alice');
const attachments = createAttachmentsGateway(asAlice, emulators.storageAs('alice'));

const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
const photo: AttachmentFile = {
  name: 'photo.png',
  contentType: 'image/png',
  size: bytes.length,
  data: new Blob([bytes], { type: 'image/png' }),
};

async function newTodo(): Promise<{ listId: string; todoId: string }> {
  const list = createListsGateway(asAlice).createList('alice', 'Photos', 1);
  await list.written;
  const draft = todoCreateSchema.parse({ title: 'Frame it' });
  const inList = { id: list.id, memberIds: ['alice'] };
  const todo = createTodosGateway(asAlice).createTodo(inList, 'alice', draft, 1);
  await todo.written;
  return { listId: list.id, todoId: todo.id };
}

describe('attachmentsGateway against the emulators and both rules files', () => {
  it('declares the file in a processing document, then uploads it as storage.rules ask', async () => {
    const { listId, todoId } = await newTodo();
    const { id, written } = attachments.createAttachment(listId, todoId, 'alice', photo);
    await written;
    const { db } = await asAlice();
    const declared = (await getDoc(doc(db, paths.attachment(listId, todoId, id)))).data();
    expect(declared).toMatchObject({
      name: 'photo.png',
      contentType: 'image/png',
      size: bytes.length,
      status: 'processing',
      createdBy: 'alice',
    });

    const progress: number[] = [];
    await attachments.upload(listId, todoId, id, photo, (fraction) => progress.push(fraction)).done;
    expect(progress.at(-1)).toBe(1);
    const url = await attachments.downloadUrl(storagePaths.original(listId, todoId, id));
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(downloaded).toEqual(bytes);
  });

  it('is refused an upload nobody declared', async () => {
    const { listId, todoId } = await newTodo();
    const upload = attachments.upload(listId, todoId, 'undeclared', photo, () => undefined);
    await expect(upload.done).rejects.toMatchObject({ code: 'storage/unauthorized' });
  });

  it('deletes the attachment document', async () => {
    const { listId, todoId } = await newTodo();
    const { id, written } = attachments.createAttachment(listId, todoId, 'alice', photo);
    await written;
    await attachments.deleteAttachment(listId, todoId, id);
    const { db } = await asAlice();
    expect((await getDoc(doc(db, paths.attachment(listId, todoId, id)))).exists()).toBe(false);
  });
});
