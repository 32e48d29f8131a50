// Canned replies inside the composer: "Insert" puts the chosen text at the cursor
// in place when JS runs. Without JS the button posts the composer to the canned
// reply view, which renders the same text into it (nothing is sent).
(function () {
  "use strict";
  var composer = document.querySelector("form.composer");
  if (!composer) return;
  var button = composer.querySelector("button.canned-insert");
  if (!button) return;
  button.addEventListener("click", function (event) {
    var select = composer.querySelector("select[name='pick-canned_reply']");
    var chosen = select && composer.querySelector('template.canned-text[data-id="' + select.value + '"]');
    if (!chosen) return; // let the server answer (e.g. nothing chosen)
    event.preventDefault();
    var body = composer.querySelector("textarea[name=body]");
    var hidden = composer.querySelector("input[name=canned_reply]");
    var text = chosen.content.textContent;
    var start = body.selectionStart || 0;
    var end = body.selectionEnd || 0;
    body.value = body.value.slice(0, start) + text + body.value.slice(end);
    body.selectionStart = body.selectionEnd = start + text.length;
    if (hidden) hidden.value = chosen.getAttribute("data-id");
    var status = chosen.getAttribute("data-status");
    var note = composer.querySelector(".canned-status");
    if (note) note.textContent = status ? note.getAttribute("data-sets") + " " + status : "";
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
  });
})();
