/**
 * Page side of the service worker (sw.ts): registers it, reloads the page once when that is
 * what makes it cross-origin isolated, and offers a reload when a new build is waiting.
 * Called from main.tsx in production builds only (the dev server sends the headers itself,
 * and a cache in front of it would break hot reload).
 */

/** Set just before the one reload, so a page that is still not isolated after it gives up. */
const RELOADED_KEY = "initlab-sw-reloaded";

export const NOT_ISOLATED =
  "This page could not be made cross-origin isolated, so Interrupt restarts the kernel and its variables are lost.";
export const NEW_VERSION = "A new version is ready: reload";

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface ServiceWorkerOptions {
  /** The worker script, e.g. `${import.meta.env.BASE_URL}sw.js`; its folder is the scope. */
  scriptUrl: string;
  /** Shows a notice to the user (the live notices in main.tsx). */
  notify(text: string, action?: NoticeAction): void;
}

/** What the page does about isolation, from what it knows at startup. */
export type IsolationStep = "isolated" | "reload" | "unavailable";

/**
 * `isolated`: nothing to do. `reload`: a service worker can serve this page with the headers
 * and it has not been tried in this tab yet. `unavailable`: no service worker here, or the one
 * reload already happened and the page is still not isolated (no loop; the app runs as it is).
 */
export function isolationStep(state: {
  isolated: boolean;
  canRegister: boolean;
  reloaded: boolean;
}): IsolationStep {
  if (state.isolated) return "isolated";
  return state.canRegister && !state.reloaded ? "reload" : "unavailable";
}

/** Registers the service worker; resolves once the page is settled (isolated, given up, or reloading). */
export async function startServiceWorker(options: ServiceWorkerOptions): Promise<IsolationStep> {
  const isolated = window.crossOriginIsolated;
  const session = sessionStorage();
  const reloaded = session?.getItem(RELOADED_KEY) === "1";
  if (isolated) session?.removeItem(RELOADED_KEY);
  // `navigator.serviceWorker` is missing in insecure contexts (plain http off localhost).
  const container: ServiceWorkerContainer | undefined = navigator.serviceWorker;
  let registration: ServiceWorkerRegistration | null = null;
  if (container !== undefined) {
    try {
      registration = await container.register(options.scriptUrl);
    } catch {
      registration = null;
    }
  }
  if (container !== undefined && registration !== null)
    watchForUpdates(container, registration, options.notify);
  const step = isolationStep({ isolated, canRegister: registration !== null && session !== null, reloaded });
  switch (step) {
    case "isolated":
      return step;
    case "unavailable":
      options.notify(NOT_ISOLATED);
      return step;
    case "reload":
      if (container === undefined || session === null) return step;
      // The navigation after this reload goes through the now active worker, which adds the headers.
      await container.ready;
      session.setItem(RELOADED_KEY, "1");
      window.location.reload();
      return step;
    default: {
      const never: never = step;
      return never;
    }
  }
}

/** sessionStorage, or null where the browser refuses it (some privacy modes throw on access). */
function sessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Offers "A new version is ready: reload" once a newer worker has installed (precached) while
 * an older one controls the page. Reload tells the new worker to take over, then reloads.
 */
function watchForUpdates(
  container: ServiceWorkerContainer,
  registration: ServiceWorkerRegistration,
  notify: ServiceWorkerOptions["notify"],
): void {
  let offered = false;
  let takingOver = false;
  const offer = (worker: ServiceWorker): void => {
    // No controller: this is the first install, not an update.
    if (offered || container.controller === null) return;
    offered = true;
    notify(NEW_VERSION, {
      label: "Reload",
      run: () => {
        takingOver = true;
        worker.postMessage({ type: "skip-waiting" });
      },
    });
  };
  const track = (worker: ServiceWorker): void => {
    if (worker.state === "installed") offer(worker);
    else worker.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
  };
  container.addEventListener("controllerchange", () => {
    if (takingOver) window.location.reload();
  });
  if (registration.waiting !== null) offer(registration.waiting);
  if (registration.installing !== null) track(registration.installing);
  registration.addEventListener("updatefound", () => {
    if (registration.installing !== null) track(registration.installing);
  });
  // Look for a new build now, not only at the browser's next navigation check.
  registration.update().catch(() => undefined);
}
