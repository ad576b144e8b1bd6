/**
 * What the Firestore tab shows for a path: the collections beside it, one page of the selected
 * collection's documents (by id, with a cursor), and the selected document with its
 * subcollections. Each part loads again when the data under it changes.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { FirestoreApi, FirestoreDocument } from '@/api/firestore';
import { useDatabaseChanges } from './useDatabaseChanges';

export const PAGE_SIZE = 50;

export interface Column<T> {
  data: T;
  loading: boolean;
  error: string | null;
}

function column<T>(initial: T) {
  return ref<Column<T>>({ data: initial, loading: false, error: null }) as Ref<Column<T>>;
}

async function fill<T>(
  target: Ref<Column<T>>,
  load: () => Promise<T>,
  quiet = false,
): Promise<void> {
  if (!quiet) target.value = { ...target.value, loading: true };
  try {
    target.value = { data: await load(), loading: false, error: null };
  } catch (error) {
    target.value = { ...target.value, loading: false, error: (error as Error).message };
  }
}

export function useFirestoreBrowser(
  api: Ref<FirestoreApi>,
  path: Ref<string[]>,
  changeFeed: Ref<boolean>,
) {
  /** The collection shown in the middle column, and the document on the right (if any). */
  const collection = computed(() =>
    path.value.length === 0
      ? null
      : path.value.length % 2 === 1
        ? path.value
        : path.value.slice(0, -1),
  );
  const documentPath = computed(() =>
    path.value.length > 0 && path.value.length % 2 === 0 ? path.value : null,
  );
  const parent = computed(() => (collection.value ? collection.value.slice(0, -1) : []));

  const collections = column<string[]>([]);
  const page = column<{ documents: FirestoreDocument[]; more: boolean }>({
    documents: [],
    more: false,
  });
  const count = ref<number | null>(null);
  const document = column<FirestoreDocument | null>(null);
  const subcollections = column<string[]>([]);
  /** Where each page starts: after the last document of the page before. */
  const cursors = shallowRef<(string[] | undefined)[]>([undefined]);
  const pageIndex = computed(() => cursors.value.length - 1);

  const loadCollections = (quiet = false) =>
    fill(collections, () => api.value.collectionIds(parent.value), quiet);
  const loadPage = (quiet = false) => {
    const target = collection.value;
    if (!target) {
      page.value = { data: { documents: [], more: false }, loading: false, error: null };
      count.value = null;
      return Promise.resolve();
    }
    const countQuery = { from: [{ collectionId: target[target.length - 1] as string }] };
    void api.value.count(target.slice(0, -1), countQuery).then(
      (n) => (count.value = n),
      () => (count.value = null),
    );
    return fill(
      page,
      () => api.value.page(target, PAGE_SIZE, cursors.value[pageIndex.value]),
      quiet,
    );
  };
  const loadDocument = (quiet = false) => {
    const target = documentPath.value;
    if (!target) {
      document.value = { data: null, loading: false, error: null };
      subcollections.value = { data: [], loading: false, error: null };
      return Promise.resolve();
    }
    return Promise.all([
      fill(document, () => api.value.get(target), quiet),
      fill(subcollections, () => api.value.collectionIds(target), quiet),
    ]).then(() => undefined);
  };
  const reloadAll = (quiet = false) =>
    Promise.all([loadCollections(quiet), loadPage(quiet), loadDocument(quiet)]).then(
      () => undefined,
    );

  watch(
    () => [api.value, parent.value.join('/')],
    () => void loadCollections(),
    { immediate: true },
  );
  watch(
    () => [api.value, collection.value?.join('/')],
    () => {
      cursors.value = [undefined];
      void loadPage();
    },
    { immediate: true },
  );
  watch(
    () => [api.value, documentPath.value?.join('/')],
    () => void loadDocument(),
    { immediate: true },
  );

  function nextPage() {
    const last = page.value.data.documents.at(-1);
    if (!last || !page.value.data.more) return;
    cursors.value = [...cursors.value, pathOf(api.value, last)];
    void loadPage();
  }
  function previousPage() {
    if (cursors.value.length <= 1) return;
    cursors.value = cursors.value.slice(0, -1);
    void loadPage();
  }

  const { live } = useDatabaseChanges(
    computed(() => (changeFeed.value ? api.value.changesUrl() : null)),
    (paths) => {
      if (paths === null) return void reloadAll(true);
      const parentPrefix = parent.value.length ? `${parent.value.join('/')}/` : '';
      const collectionPrefix = collection.value ? `${collection.value.join('/')}/` : null;
      const docKey = documentPath.value?.join('/');
      if (paths.some((p) => p.startsWith(parentPrefix))) void loadCollections(true);
      if (
        collectionPrefix &&
        paths.some(
          (p) => p.startsWith(collectionPrefix) && !p.slice(collectionPrefix.length).includes('/'),
        )
      )
        void loadPage(true);
      if (docKey && paths.some((p) => p === docKey || p.startsWith(`${docKey}/`)))
        void loadDocument(true);
    },
  );

  return {
    collection,
    documentPath,
    parent,
    collections,
    page,
    count,
    pageIndex,
    document,
    subcollections,
    live,
    nextPage,
    previousPage,
    reloadAll,
  };
}

/** A document's path inside its database, from its resource name. */
export function pathOf(api: FirestoreApi, doc: FirestoreDocument): string[] {
  return doc.name.slice(api.root.length + 1).split('/');
}
