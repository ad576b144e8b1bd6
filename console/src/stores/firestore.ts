/** What the Firestore emulator offers beyond Google's REST API: its databases and change feed. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { firestoreFeatures, type FirestoreFeatures } from '@/api/firestore';
import { useStackStore } from './stack';

export const useFirestoreStore = defineStore('firestore', () => {
  const stack = useStackStore();
  const features = ref<FirestoreFeatures | null>(null);

  async function load(): Promise<void> {
    const origin = stack.origin('firestore');
    features.value = origin
      ? await firestoreFeatures(origin, stack.projectId)
      : { databases: ['(default)'], changeFeed: false };
  }

  return { features, load };
});
