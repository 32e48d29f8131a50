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

    function refresh() {
      var data = new FormData();
      data.append("body", body.value);
      data.append("kind", kind ? kind.value : "article");
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
          pane.innerHTML = json.html; // sanitised by the server's allow-list
          pane.setAttribute("data-state", "ready");
        })
        .catch(function () {
          pane.textContent = pane.getAttribute("data-error") || "Preview failed.";
          pane.setAttribute("data-state", "error");
        })
        .finally(function () { pane.removeAttribute("aria-busy"); });
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
