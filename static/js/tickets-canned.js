// Canned replies: "Apply" fills the reply box in place when JS runs. Without JS the
// form posts and the server renders the same text into the reply box.
(function () {
  "use strict";
  var picker = document.querySelector("form.canned-reply-pick");
  var reply = document.querySelector("form.reply-form");
  if (!picker || !reply) return;
  picker.addEventListener("submit", function (event) {
    var select = picker.querySelector("select[name=canned_reply]");
    var chosen = select && picker.querySelector('template.canned-text[data-id="' + select.value + '"]');
    if (!chosen) return; // let the server answer (e.g. nothing chosen)
    event.preventDefault();
    var body = reply.querySelector("textarea[name=body]");
    var hidden = reply.querySelector("input[name=canned_reply]");
    var status = reply.querySelector("select[name=status]");
    body.value = chosen.content.textContent;
    if (hidden) hidden.value = chosen.getAttribute("data-id");
    if (status && chosen.getAttribute("data-status")) status.value = chosen.getAttribute("data-status");
    body.focus();
  });
})();
