// Keyboard shortcuts on every staff page (issue 17). No inline script, no eval.
//   j / k   next / previous ticket in the queue (focus shows its preview)
//   Enter   open the focused ticket (the link's own behaviour)
//   /       focus the search box in the header
//   ?       the shortcut sheet (<dialog id="shortcut-sheet">)
// Other keys act on an element that names them: data-shortcut-key="r" is clicked
// (a tab, a button) or focused (a text box) — the ticket page's r and n.
// Keys are ignored while typing in a field, and with Ctrl, Alt or Meta held.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-queue-row]"));
  }

  function currentIndex(list) {
    var active = document.activeElement;
    for (var i = 0; i < list.length; i++) {
      if (list[i].contains(active)) return i;
    }
    for (var j = 0; j < list.length; j++) {
      if (list[j].classList.contains("is-current")) return j;
    }
    return -1;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return false;
    var index = currentIndex(list);
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : index + step;
    next = Math.max(0, Math.min(list.length - 1, next));
    list.forEach(function (row) { row.classList.remove("is-current"); });
    var row = list[next];
    row.classList.add("is-current");
    var link = row.querySelector("[data-row-link]") || row.querySelector("a");
    if (link) {
      link.focus();
      row.scrollIntoView({ block: "nearest" });
    }
    return true;
  }

  function focusSearch() {
    var box = document.getElementById("global-search-q") || document.querySelector("input[name=q]");
    if (!box) return false;
    box.focus();
    if (box.select) box.select();
    return true;
  }

  function openSheet() {
    var sheet = document.getElementById("shortcut-sheet");
    if (!sheet || typeof sheet.showModal !== "function") return false;
    if (!sheet.open) sheet.showModal();
    return true;
  }

  function named(key) {
    var element = document.querySelector('[data-shortcut-key="' + key + '"]');
    if (!element) return false;
    if (typing(element)) {
      element.focus();
    } else {
      element.click();
    }
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    var sheet = document.getElementById("shortcut-sheet");
    if (sheet && sheet.open) return; // the dialog's own keys (Escape closes it)
    var handled = false;
    switch (event.key) {
      case "j": handled = move(1); break;
      case "k": handled = move(-1); break;
      case "/": handled = focusSearch(); break;
      case "?": handled = openSheet(); break;
      default:
        if (event.key.length === 1 && /[a-z]/.test(event.key)) handled = named(event.key);
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var closer = event.target.closest && event.target.closest("[data-close-dialog]");
    if (closer) {
      var dialog = closer.closest("dialog");
      if (dialog) dialog.close();
    }
  });
})();
