// The staff queue (issue 17): the bulk bar shows only once tickets are ticked,
// and the live refresh (htmx polling #queue-live every 30 s) waits while someone
// is working in the list. Without JavaScript the bulk bar simply stays visible.
(function () {
  "use strict";
  var bar = document.querySelector("[data-bulk-bar]");

  function ticked() {
    return document.querySelectorAll('input[type=checkbox][name="tickets"]:checked').length;
  }

  function syncBar() {
    if (!bar) return;
    var n = ticked();
    bar.hidden = n === 0;
    var count = bar.querySelector("[data-bulk-count]");
    if (count) count.textContent = n ? "(" + n + ")" : "";
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "tickets" || event.target.hasAttribute("data-select-all")) {
      // hub.js ticks the others first for "select all"; read them after it
      window.setTimeout(syncBar, 0);
    }
  });
  syncBar();

  // Live refresh: skip a poll while tickets are ticked, a row has the keyboard
  // focus or the tab is hidden; the new rows keep the keyboard's place.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var live = document.getElementById("queue-live");
    if (!live || event.detail.elt !== live) return;
    var focused = live.contains(document.activeElement);
    if (ticked() > 0 || focused || document.hidden) {
      event.preventDefault();
    }
  });
  document.addEventListener("htmx:afterSwap", syncBar);
})();
