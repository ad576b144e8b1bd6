/// <reference types="vite/client" />
/**
 * The Node conformance suite's scenarios (emulator/test/scenarios/*.ts), bundled as they are:
 * each module exports `scenarios`, a list of `{name, run(db, prefix)}` that throw when the
 * emulator misbehaves.
 */
import type { Firestore } from 'firebase/firestore';

interface SharedScenario {
  name: string;
  run(db: Firestore, prefix: string): Promise<void>;
}

const modules = import.meta.glob<{ scenarios?: SharedScenario[] }>('../../scenarios/*.ts', {
  eager: true,
});

export function loadScenarios(): Map<string, SharedScenario['run']> {
  const found = new Map<string, SharedScenario['run']>();
  for (const [file, module] of Object.entries(modules)) {
    const source = file.replace(/^.*\/|\.ts$/g, '');
    for (const scenario of module.scenarios ?? [])
      found.set(`${source}: ${scenario.name}`, scenario.run);
  }
  return found;
}
