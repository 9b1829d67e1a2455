// Climaborough's service worker: network first, cache as fallback, for the app's own files only.
// Online, every file comes from the server as usual (so a new version is picked up at once) and a copy
// is kept; offline, the kept copy is served, so the app opens and a board page reloads without a
// network (the board itself comes from the tab's session storage, its waiting edits too).
// API calls, hubs, sign-in and health are never cached.
const CACHE = "climaborough-app-v1";
const NEVER = ["/api/", "/hubs/", "/connect/", "/account/", "/health/", "/openapi/", "/.well-known/"];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || NEVER.some((p) => url.pathname.startsWith(p))) {
    return;
  }

  // Every page of the app is the same index.html: keep it under one key.
  const key = request.mode === "navigate" ? new Request("/") : request;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => { /* not kept: only offline use suffers */ }));
    }
    return response;
  }, async (error) => {
    const kept = await caches.match(key, { ignoreVary: true });
    if (kept) {
      return kept;
    }
    throw error;
  }));
});
