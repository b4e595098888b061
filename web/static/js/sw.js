// Service worker: pages open with no signal after a first visit.
// Only public pages are kept: an area's home, its categories, its offers, the help pages and /offline.
// Nothing a person typed or chose (search, chat, feedback, "What can I get?") and no staff page is
// ever kept, and neither is any response marked no-store: on a shared phone the next person would read it.
// Pages: network first (fresh when online), kept copy when offline, else /offline.
// Static files: kept copy first (they change name with each release through ?v=).
"use strict";
// A new name drops everything older versions kept (they kept every page).
var PAGES = "pages-v2";
var STATIC = "static-v2";
var SHELL = ["/offline", "/static/css/site.css", "/static/js/site.js", "/static/icons/icon.svg"];
var KEEP = [
  /^\/offline$/,
  /^\/help$/,
  /^\/[a-z0-9-]+\/$/,
  /^\/[a-z0-9-]+\/help$/,
  /^\/[a-z0-9-]+\/categories\/[a-z0-9-]+$/,
  /^\/[a-z0-9-]+\/offers\/[a-z0-9-]+$/
];
var NEVER = /^\/(staff|api)(\/|$)/;

function keepable(url) {
  if (NEVER.test(url.pathname)) { return false; }
  return KEEP.some(function (re) { return re.test(url.pathname); });
}

function storable(res) {
  return res.ok && res.type === "basic" && !res.redirected && (res.headers.get("Cache-Control") || "").indexOf("no-store") === -1;
}

function offlinePage() {
  return caches.match("/offline").then(function (hit) {
    return hit || new Response("You are offline. If you are in danger, call 999.",
      { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (c) { return c.addAll(SHELL); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== PAGES && k !== STATIC; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The page asks us to keep every page of its area (a short list; a few hundred KB at most).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep-area" || typeof data.list !== "string" || data.list.charAt(0) !== "/") { return; }
  event.waitUntil(fetch(data.list, { credentials: "same-origin" }).then(function (r) {
    return r.ok ? r.json() : { urls: [] };
  }).then(function (body) {
    return caches.open(PAGES).then(function (cache) {
      return Promise.all((body.urls || []).map(function (url) {
        if (!keepable(new URL(url, self.location.origin))) { return null; }
        // No cookies either way: these pages are public, and forty responses each setting a new
        // session cookie would race the page the person is on, and spoil its form's CSRF token.
        return fetch(url, { credentials: "omit" }).then(function (res) {
          if (storable(res)) { return cache.put(url, res); }
        }).catch(function () {});
      }));
    });
  }).catch(function () {}));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (req.method !== "GET") {
    // A form sent with no signal (feedback, chat without script): /offline, not the browser's error.
    // The page script keeps what was typed, so it can be sent later.
    if (req.mode === "navigate") {
      event.respondWith(fetch(req).catch(offlinePage));
    }
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        var copy = res.clone();
        if (storable(res)) { caches.open(STATIC).then(function (c) { c.put(req, copy); }); }
        return res;
      });
    }));
    return;
  }
  if (req.mode === "navigate" || (req.headers.get("accept") || "").indexOf("text/html") !== -1) {
    var keep = keepable(url);
    event.respondWith(fetch(req).then(function (res) {
      if (keep && storable(res)) {
        var copy = res.clone();
        caches.open(PAGES).then(function (c) { c.put(req, copy); });
      }
      return res;
    }).catch(function () {
      if (!keep) { return offlinePage(); }
      // caches.match gives a promise, so each fallback waits for the one before.
      return caches.match(req).then(function (hit) {
        return hit || caches.match(url.pathname);
      }).then(function (hit) {
        return hit || offlinePage();
      });
    }));
  }
});
