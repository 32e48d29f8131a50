// The page shell on a phone: the header's Menu button shows and hides the main
// navigation and the account links (static/css/shell.css), so they do not wrap to
// four rows. Without this script the navigation simply stays open. No inline script.
(function () {
  "use strict";
  var button = document.querySelector(".topbar .menu-toggle");
  var bar = button && button.closest(".topbar");
  if (!bar) return;
  bar.classList.add("has-menu");
  button.hidden = false;
  function set(open) {
    bar.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && bar.classList.contains("menu-open")) {
      set(false);
      button.focus();
    }
  });
})();
