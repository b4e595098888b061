// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Offline: register the service worker, then ask it to keep this area's pages.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var list = document.body.getAttribute("data-offline-list");
      if (list && reg.active) {
        reg.active.postMessage({ type: "keep-area", list: list });
      }
    }).catch(function () { /* offline support is a bonus; the page works without it */ });
  }

  // Feedback sent with no signal: keep the words in this tab (sessionStorage goes when the tab
  // closes, and with /forget or a staff sign-out), show them on /offline, and fill the form again later.
  var DRAFT = "feedback-draft";
  var store = null;
  try { store = window.sessionStorage; } catch (e) { /* storage blocked: nothing is kept */ }
  if (store) {
    var draft = null;
    try { draft = JSON.parse(store.getItem(DRAFT) || "null"); } catch (e) { draft = null; }
    if (document.querySelector("[data-draft-sent]")) {
      store.removeItem(DRAFT);
      draft = null;
    }
    var form = document.querySelector("form[data-keep-draft]");
    if (form) {
      var box = form.querySelector("textarea");
      if (draft && draft.path === form.getAttribute("action") && box && !box.value) {
        box.value = draft.text;
        var note = document.querySelector("[data-draft-note]");
        if (note) { note.hidden = false; }
      }
      form.addEventListener("submit", function () {
        if (box && box.value.trim()) {
          store.setItem(DRAFT, JSON.stringify({ path: form.getAttribute("action"), text: box.value }));
        }
      });
    }
    var kept = document.getElementById("kept-draft");
    if (kept && draft && draft.text && String(draft.path).charAt(0) === "/") {
      kept.querySelector("[data-draft-text]").textContent = draft.text;
      kept.querySelector("[data-draft-link]").setAttribute("href", draft.path);
      kept.hidden = false;
    }
  }

  // Listen: read the offer aloud with the phone's own speech, where it has it.
  var button = document.querySelector("[data-listen]");
  if (button && "speechSynthesis" in window) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        button.textContent = label;
        return;
      }
      var target = document.querySelector(button.getAttribute("data-listen"));
      var text = Array.prototype.map.call(
        target.querySelectorAll("h1, p:not(:has(button)), li, h2"),
        function (el) { return el.textContent; }).join(". ");
      var say = new SpeechSynthesisUtterance(text);
      say.lang = button.getAttribute("data-lang") || document.documentElement.lang;
      say.onend = function () { button.textContent = label; };
      button.textContent = button.getAttribute("data-stop");
      window.speechSynthesis.speak(say);
    });
  }
})();
