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
  // Show the suggestions right under the subject, before the description and the
  // Send button: on a phone the side column lands below the form, out of sight
  // while typing. (The box stays hidden until there is something to show.)
  var fieldRow = field.closest ? field.closest(".field") : null;
  if (fieldRow && box.getAttribute("data-place") === "under-subject") {
    fieldRow.insertAdjacentElement("afterend", box);
  }
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

  // Coming Back from a suggested article must find the form as it was left. The
  // browser restores typed fields itself (never clear them on pageshow); when it
  // cannot (the page was reloaded from the network), a draft kept in
  // sessionStorage fills the empty fields in again, on Back/Forward only. The
  // draft is dropped when the form is sent.
  var form = field.form;
  var draftKey = "hub-ticket-draft:" + window.location.pathname;
  var drafted = form ? Array.prototype.filter.call(form.elements, function (el) {
    return el.name && (el.tagName === "TEXTAREA" || el.type === "text");
  }) : [field];

  function saveDraft() {
    var draft = {};
    drafted.forEach(function (el) { if (el.value) draft[el.name] = el.value; });
    try { window.sessionStorage.setItem(draftKey, JSON.stringify(draft)); } catch (e) { /* private mode */ }
  }

  function cameBack() {
    var nav = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    return nav ? nav.type === "back_forward" : false;
  }

  function restoreDraft() {
    var draft = null;
    try { draft = JSON.parse(window.sessionStorage.getItem(draftKey) || "null"); } catch (e) { draft = null; }
    if (!draft) return;
    drafted.forEach(function (el) {
      if (!el.value && draft[el.name]) el.value = draft[el.name];
    });
  }

  if (cameBack()) restoreDraft();
  drafted.forEach(function (el) { el.addEventListener("input", saveDraft); });
  if (form) {
    form.addEventListener("submit", function () {
      try { window.sessionStorage.removeItem(draftKey); } catch (e) { /* private mode */ }
    });
  }
  // a page shown again from the back-forward cache keeps its fields: refresh
  // the suggestions for what is there, never clear anything
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { lastQuery = null; lookup(); }
  });

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 250);
  });
  if (field.value) lookup();
})();
