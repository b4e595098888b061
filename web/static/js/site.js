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
