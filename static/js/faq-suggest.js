// Ticket form deflection: while the subject is typed, show the best matching
// knowledge-base articles. Markup comes from templates/faq/includes/suggestions.html
// (data-endpoint, data-subject-field). No framework, no inline script.
(function () {
  "use strict";
  var box = document.getElementById("faq-suggestions");
  if (!box) return;
  var field = document.getElementById(box.getAttribute("data-subject-field") || "id_subject");
  var list = box.querySelector("[data-faq-suggestion-list]");
  var endpoint = box.getAttribute("data-endpoint");
  var minLength = parseInt(box.getAttribute("data-min-length") || "3", 10);
  if (!field || !list || !endpoint) return;
  var timer = null;
  var lastQuery = null;
  var controller = null;

  function render(results) {
    list.textContent = "";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.className = "faq-suggestion";
      li.appendChild(link);
      if (item.summary) {
        var summary = document.createElement("p");
        summary.className = "muted";
        summary.textContent = item.summary;
        li.appendChild(summary);
      }
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
  }

  function lookup() {
    var query = field.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < minLength) {
      render([]);
      return;
    }
    if (controller) controller.abort();
    controller = "AbortController" in window ? new AbortController() : null;
    var url = endpoint + (endpoint.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
    fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { /* aborted or offline: keep what is shown */ });
  }

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 250);
  });
  if (field.value) lookup();
})();
