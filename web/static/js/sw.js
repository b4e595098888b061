// Service worker: pages open with no signal after a first visit.
// Pages: network first (fresh when online), saved copy when offline.
// Static files: saved copy first (they change name with each release through ?v=).
"use strict";
var PAGES = "pages-v1";
var STATIC = "static-v1";
var SHELL = ["/offline", "/static/css/site.css", "/static/js/site.js", "/static/icons/icon.svg"];

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
        return fetch(url, { credentials: "same-origin" }).then(function (res) {
          if (res.ok) { return cache.put(url, res); }
        }).catch(function () {});
      }));
    });
  }).catch(function () {}));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        var copy = res.clone();
        if (res.ok) { caches.open(STATIC).then(function (c) { c.put(req, copy); }); }
        return res;
      });
    }));
    return;
  }
  if (req.mode === "navigate" || (req.headers.get("accept") || "").indexOf("text/html") !== -1) {
    event.respondWith(fetch(req).then(function (res) {
      var copy = res.clone();
      if (res.ok) { caches.open(PAGES).then(function (c) { c.put(req, copy); }); }
      return res;
    }).catch(function () {
      return caches.match(req, { ignoreSearch: false }).then(function (hit) {
        return hit || caches.match(url.pathname) || caches.match("/offline");
      });
    }));
  }
});
