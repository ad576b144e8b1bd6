import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import { canWrite, LIMITS, storagePaths } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { attachmentProblem, notAPhoto } from '@/domain/attachments';
import type { Attachment } from '@/domain/entities';
import { PHOTO_SIGNATURE_BYTES, photoTypeOf } from '@/domain/photoType';
import type { UploadTask } from '@/services/ports';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useListsStore } from './lists';
import { useNoticesStore } from './notices';

export interface Upload {
  /** The attachment document's id. */
  id: string;
  name: string;
  /** From 0 to 1. */
  progress: number;
}

interface OpenTodo {
  listId: string;
  todoId: string;
}

/** The photos of the to-do open in the editor, live, and the uploads this tab has under way. */
export const useAttachmentsStore = defineStore('attachments', () => {
  const { attachments: gateway } = useServices();
  const auth = useAuthStore();
  const notices = useNoticesStore();
  const lists = useListsStore();

  const open = ref<OpenTodo | null>(null);
  const live = useLiveQuery(
    () => open.value,
    ({ listId, todoId }, observer) => gateway.watchAttachments(listId, todoId, observer),
    [] as Attachment[],
    { retryWhen: (failure, { listId }) => lists.retryWhenConfirmed(failure, listId) },
  );
  const uploads = ref<Upload[]>([]);
  /**
   * Why files were not added since the to-do was opened: refused by the browser's checks at the
   * last attempt, or by the upload trigger after upload (whose document then goes at once).
   */
  const problems = ref<string[]>([]);
  /** Rejected attachments already reported and deleted. */
  const cleared = new Set<string>();
  const tasks = new Map<string, UploadTask>();
  const cancelled = new Set<string>();
  /** Thumbnail download URLs by attachment id, fetched once each. */
  const thumbUrls = reactive<Record<string, string>>({});

  /** Attachments oldest first; those still uploading from here show as uploads instead. */
  const all = computed(() =>
    [...live.data.value].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  );
  // A rejected photo is said in `problems` (to those who may delete it), never left as a card.
  const shown = computed(() =>
    all.value.filter(
      (attachment) =>
        attachment.status !== 'rejected' &&
        !uploads.value.some((upload) => upload.id === attachment.id),
    ),
  );
  const canEdit = computed(() => canWrite(lists.roleIn(open.value?.listId ?? null)));
  const room = computed(() => LIMITS.attachmentsPerTodo - all.value.length);

  watch(all, (attachments) => {
    const target = open.value;
    for (const attachment of attachments) {
      if (attachment.status !== 'rejected' || !target || !canEdit.value) continue;
      if (cleared.has(attachment.id)) continue;
      cleared.add(attachment.id);
      const reason = attachment.error ?? 'the file could not be read.';
      problems.value = [...problems.value, `“${attachment.name}” was not added: ${reason}`];
      notices.track(gateway.deleteAttachment(target.listId, target.todoId, attachment.id));
    }
    for (const attachment of attachments) {
      const path = attachment.thumbPath;
      if (attachment.status !== 'ready' || path === null || attachment.id in thumbUrls) continue;
      thumbUrls[attachment.id] = '';
      gateway.downloadUrl(path).then(
        (url) => (thumbUrls[attachment.id] = url),
        (error: unknown) => {
          delete thumbUrls[attachment.id];
          notices.reportFailure(error);
        },
      );
    }
  });

  function showTodo(listId: string | null, todoId: string | null): void {
    const same = open.value?.listId === listId && open.value?.todoId === todoId;
    if (same) return;
    open.value = listId !== null && todoId !== null ? { listId, todoId } : null;
    problems.value = [];
  }

  function setProgress(id: string, progress: number): void {
    uploads.value = uploads.value.map((upload) =>
      upload.id === id ? { ...upload, progress } : upload,
    );
  }

  function forget(id: string): void {
    uploads.value = uploads.value.filter((upload) => upload.id !== id);
    tasks.delete(id);
  }

  async function uploadOne(
    target: OpenTodo,
    uid: string,
    file: File,
    contentType: string,
  ): Promise<void> {
    const picked = { name: file.name, contentType, size: file.size, data: file };
    const { id, written } = gateway.createAttachment(target.listId, target.todoId, uid, picked);
    uploads.value = [...uploads.value, { id, name: file.name, progress: 0 }];
    try {
      // storage.rules read the document, so the server must have it before the bytes go.
      await written;
      if (cancelled.has(id)) return;
      const task = gateway.upload(target.listId, target.todoId, id, picked, (fraction) =>
        setProgress(id, fraction),
      );
      tasks.set(id, task);
      await task.done;
    } catch (error) {
      if (cancelled.has(id)) return;
      notices.reportFailure(error);
      notices.track(gateway.deleteAttachment(target.listId, target.todoId, id));
    } finally {
      cancelled.delete(id);
      forget(id);
    }
  }

  /** What the file's first bytes say it is; the browser's guess from its name counts for nothing. */
  async function photoTypeOfFile(file: File): Promise<string | null> {
    return photoTypeOf(new Uint8Array(await file.slice(0, PHOTO_SIGNATURE_BYTES).arrayBuffer()));
  }

  /**
   * Starts uploading the photos that pass the browser's checks (name, size, and first bytes) and
   * fit in the to-do; `problems` then holds a sentence for each file left out.
   */
  async function attach(files: readonly File[]): Promise<void> {
    const target = open.value;
    const uid = auth.uid;
    if (!target || !uid) {
      problems.value = ['Open a to-do to attach photos.'];
      return;
    }
    const refused: string[] = [];
    let free = room.value;
    for (const file of files) {
      const problem = attachmentProblem(file);
      const type = problem ? null : await photoTypeOfFile(file);
      if (problem) refused.push(problem);
      else if (type === null) refused.push(notAPhoto(file.name));
      else if (free <= 0)
        refused.push(
          `“${file.name}” was not added: a to-do holds at most ${LIMITS.attachmentsPerTodo} photos.`,
        );
      else {
        free -= 1;
        void uploadOne(target, uid, file, type);
      }
    }
    problems.value = refused;
  }

  /** Stops an upload and removes its document, so nothing is left half-made. */
  function cancelUpload(id: string): void {
    const target = open.value;
    if (!target) return;
    cancelled.add(id);
    tasks.get(id)?.cancel();
    forget(id);
    notices.track(gateway.deleteAttachment(target.listId, target.todoId, id));
  }

  function remove(id: string): void {
    const target = open.value;
    if (target) notices.track(gateway.deleteAttachment(target.listId, target.todoId, id));
  }

  function originalUrl(attachmentId: string): Promise<string> {
    const target = open.value;
    if (!target) return Promise.reject(new Error('No to-do is open'));
    return gateway.downloadUrl(storagePaths.original(target.listId, target.todoId, attachmentId));
  }

  return {
    attachments: shown,
    uploads,
    problems,
    thumbUrls,
    room,
    state: live.state,
    error: live.error,
    showTodo,
    attach,
    cancelUpload,
    remove,
    originalUrl,
  };
});
