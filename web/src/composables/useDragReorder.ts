import { ref } from 'vue';

/**
 * Native drag and drop for a vertical list: `itemAttrs(id, index)` goes on each row with v-bind;
 * dropping calls `onMove(id, index)` with the index of the row dropped on.
 */
export function useDragReorder(onMove: (id: string, toIndex: number) => void) {
  const draggingId = ref<string | null>(null);
  const overIndex = ref<number | null>(null);

  function reset(): void {
    draggingId.value = null;
    overIndex.value = null;
  }

  function itemAttrs(id: string, index: number) {
    return {
      draggable: true,
      onDragstart(event: DragEvent) {
        draggingId.value = id;
        event.dataTransfer?.setData('text/plain', id);
        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      },
      onDragover(event: DragEvent) {
        if (draggingId.value === null) return;
        event.preventDefault();
        overIndex.value = index;
      },
      onDrop(event: DragEvent) {
        event.preventDefault();
        if (draggingId.value !== null && draggingId.value !== id) onMove(draggingId.value, index);
        reset();
      },
      onDragend: reset,
    };
  }

  return { draggingId, overIndex, itemAttrs };
}
