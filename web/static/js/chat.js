// Web chat enhancement: send without reloading and keep the whole conversation on screen.
// Without this file the form posts and the page shows the latest reply.
(function () {
  "use strict";
  var form = document.querySelector("form[data-chat]");
  if (!form || !window.fetch) { return; }
  var transcript = document.getElementById("transcript");
  var input = document.getElementById("message");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }

  function setButtons(buttons) {
    var old = form.querySelector("[data-buttons]");
    if (old) { old.remove(); }
    if (!buttons.length) { return; }
    var box = el("div", "chat-buttons");
    box.setAttribute("data-buttons", "");
    buttons.forEach(function (b) {
      var btn = el("button", "button button-secondary", b.label);
      btn.type = "submit"; btn.name = "action"; btn.value = b.action;
      box.appendChild(btn);
    });
    form.insertBefore(box, form.querySelector("label"));
  }

  function show(data) {
    transcript.appendChild(el("div", "msg msg-you", data.asked));
    var bot = el("div", "msg msg-bot" + (data.flags.indexOf("safeguarding") !== -1 ? " msg-urgent" : ""));
    // The server sends each part as escaped HTML with tel: links, built by web/chat/rendering.py.
    data.html.forEach(function (h) { var p = el("p"); p.innerHTML = h; bot.appendChild(p); });
    data.links.forEach(function (l) {
      var p = el("p"); var a = el("a", "", l.label); a.href = l.href; p.appendChild(a); bot.appendChild(p);
    });
    transcript.appendChild(bot);
    setButtons(data.buttons);
    bot.scrollIntoView({ block: "start" });
  }

  form.addEventListener("submit", function (event) {
    var body = new FormData(form);
    var pressed = event.submitter;
    body.delete("action");
    if (pressed && pressed.name === "action") { body.set("action", pressed.value); body.set("message", ""); }
    else if (!input.value.trim()) { event.preventDefault(); return; }
    event.preventDefault();
    // getAttribute: form.action would be the buttons named "action" once they exist.
    fetch(form.getAttribute("action"), { method: "POST", body: body, headers: { "Accept": "application/json" },
                         credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { input.value = ""; show(data); })
      .catch(function () { form.submit(); });
  });
})();
