// The staff ticket page: keyboard (r: public reply, n: internal note), presence
// state (viewing / replying) for the heartbeat, previews of chosen images, and a
// held message brought into view. No inline script; htmx does the requests.
(function () {
  "use strict";
  var composer = document.querySelector("form.composer");
  var body = composer && composer.querySelector("textarea[name=body]");

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function openComposer(kind) {
    if (!composer || !body) return;
    var radio = composer.querySelector("input[name=kind][value='" + kind + "']");
    if (radio) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
    body.focus();
    body.scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    if (event.key === "r") {
      event.preventDefault();
      openComposer("reply");
    } else if (event.key === "n") {
      event.preventDefault();
      openComposer("note");
    }
  });

  // presence: "replying" while the composer holds text, told at once
  var presence = document.querySelector("form.presence");
  var state = presence && presence.querySelector("input[name=state]");
  function updateState() {
    if (!state || !body) return;
    var now = body.value.trim() ? "replying" : "viewing";
    if (state.value !== now) {
      state.value = now;
      if (window.htmx) window.htmx.trigger(presence, "presence");
    }
  }
  if (body) body.addEventListener("input", updateState);

  // previews of the images chosen for upload (data: URLs; the CSP allows no blob:)
  var files = composer && composer.querySelector("input[type=file]");
  var previews = composer && composer.querySelector(".composer-previews");
  if (files && previews) {
    files.addEventListener("change", function () {
      previews.textContent = "";
      Array.prototype.forEach.call(files.files || [], function (file) {
        var item = document.createElement("li");
        if (/^image\/(png|jpeg|gif|webp)$/.test(file.type) && file.size < 5 * 1048576) {
          var img = document.createElement("img");
          img.alt = "";
          img.width = 96;
          img.height = 72;
          var reader = new FileReader();
          reader.onload = function () { img.src = reader.result; };
          reader.readAsDataURL(file);
          item.appendChild(img);
          item.appendChild(document.createTextNode(" "));
        }
        item.appendChild(document.createTextNode(file.name));
        previews.appendChild(item);
      });
    });
  }

  // a held message: show the new reply and keep the hands on the keyboard
  var held = document.getElementById("held");
  if (held && body) {
    held.scrollIntoView({ block: "start" });
    body.focus({ preventScroll: true });
  }
  updateState();
})();
