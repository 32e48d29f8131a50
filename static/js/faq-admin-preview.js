// Admin live preview of an article's Markdown. The server renders and sanitises
// (faq:preview, staff only); this script only asks and shows. No inline script.
(function () {
  "use strict";
  function start() {
    var pane = document.getElementById("faq-preview");
    var body = document.getElementById("id_body");
    if (!pane || !body) return;
    var kind = document.getElementById("id_kind");
    var button = document.getElementById("faq-preview-button");
    var endpoint = pane.getAttribute("data-endpoint");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var asked = 0; // the latest request; an older answer arriving late is dropped
    var shown = null; // the page in the frame; the same page again is not reloaded
    var frame = pane.querySelector("iframe");
    var error = pane.querySelector(".faq-preview-error");
    if (!frame || !error) return;
    // grow the frame to its content (same origin; the frame itself runs nothing)
    frame.addEventListener("load", function () {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = doc.documentElement.scrollHeight + "px";
      }
    });

    function refresh() {
      window.clearTimeout(timer);
      var ticket = ++asked;
      var data = new FormData();
      data.append("body", body.value);
      data.append("kind", kind ? kind.value : "article");
      ["title", "summary", "tags"].forEach(function (name) {
        var input = document.getElementById("id_" + name);
        if (input) data.append(name, input.value);
      });
      pane.setAttribute("aria-busy", "true");
      fetch(endpoint, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) {
          if (ticket !== asked) return;
          // the published article's page (sanitised by the server's allow-list),
          // in a frame with its own stylesheets and no scripts
          error.hidden = true;
          frame.hidden = false;
          if (json.page !== shown) {
            shown = json.page;
            frame.srcdoc = json.page;
          }
          pane.setAttribute("data-state", "ready");
        })
        .catch(function () {
          if (ticket !== asked) return;
          shown = null;
          error.textContent = pane.getAttribute("data-error") || "Preview failed.";
          error.hidden = false;
          frame.hidden = true;
          pane.setAttribute("data-state", "error");
        })
        .finally(function () {
          if (ticket === asked) pane.removeAttribute("aria-busy");
        });
    }

    body.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
    if (kind) kind.addEventListener("change", refresh);
    if (button) button.addEventListener("click", function (event) { event.preventDefault(); refresh(); });
    if (body.value) refresh();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
