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

  // The reply's buttons are their own form, so that Enter in the message box sends the message.
  function setButtons(buttons) {
    var old = document.querySelector("form[data-buttons]");
    if (old) { old.remove(); }
    if (!buttons.length) { return; }
    var box = el("form", "chat-buttons");
    box.setAttribute("data-buttons", "");
    box.method = "post";
    box.setAttribute("action", form.getAttribute("action"));
    var token = form.querySelector("input[name=csrf_token]").cloneNode();
    box.appendChild(token);
    buttons.forEach(function (b) {
      var btn = el("button", "button button-secondary", b.label);
      btn.type = "submit"; btn.name = "action"; btn.value = b.action;
      box.appendChild(btn);
    });
    box.addEventListener("submit", onSubmit);
    form.parentNode.insertBefore(box, form);
  }

  function show(data) {
    transcript.appendChild(el("div", "msg msg-you", data.asked));
    var bot = el("div", "msg msg-bot" + (data.flags.indexOf("safeguarding") !== -1 ? " msg-urgent" : ""));
    // The server sends each part as escaped HTML with tel: links, built by web/chat/rendering.py.
    data.html.forEach(function (h) { var div = el("div"); div.innerHTML = h; bot.appendChild(div); });
    data.links.forEach(function (l) {
      var p = el("p"); var a = el("a", "", l.label); a.href = l.href; p.appendChild(a); bot.appendChild(p);
    });
    transcript.appendChild(bot);
    if (data.chat_url) {
      // The chat moved to another area ("i live in mansfield now"): open that area's chat page, so
      // "Get help now" and every link are the new council's. The page shows this reply again.
      window.location.assign(data.chat_url + "#reply");
      return;
    }
    setButtons(data.buttons);
    bot.scrollIntoView({ block: "start" });
  }

  function onSubmit(event) {
    var target = event.currentTarget;
    var body = new FormData(target);
    var pressed = event.submitter;
    body.delete("action");
    if (pressed && pressed.name === "action") { body.set("action", pressed.value); body.set("message", ""); }
    else if (!input.value.trim()) { event.preventDefault(); return; }
    event.preventDefault();
    // getAttribute: target.action would be the buttons named "action".
    fetch(target.getAttribute("action"), { method: "POST", body: body, headers: { "Accept": "application/json" },
                         credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        var offline = document.querySelector("[data-chat-offline]");
        if (offline) { offline.hidden = true; }
        if (!pressed || pressed.name !== "action") { input.value = ""; } show(data); })
      .catch(function (err) {
        // No signal (fetch rejects with a TypeError): say so and keep what they typed to send again.
        var offline = document.querySelector("[data-chat-offline]");
        if (err instanceof TypeError && offline) { offline.hidden = false; return; }
        target.submit();
      });
  }

  form.addEventListener("submit", onSubmit);
  var firstButtons = document.querySelector("form[data-buttons]");
  if (firstButtons) { firstButtons.addEventListener("submit", onSubmit); }
})();
