import { launchChromium, type Browser } from '../../../emulator/test/browser/chromium.js';

export type BrowserSession = Browser;

/** Headless Chromium with a fresh profile, so no state leaks between runs or users. */
export function openBrowser(): Promise<BrowserSession> {
  return launchChromium({ viewport: { width: 1280, height: 800 } });
}
