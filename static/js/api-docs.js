// Swagger UI at /api/docs/: names for the icon-only buttons Swagger UI renders
// without one (the dialogs' close button: axe's button-name, critical). Swagger UI
// rebuilds its markup as people open operations and dialogs, so this watches the
// widget and labels each such button as it appears. The label comes from the page
// (data-close-label, in the reader's language, so marked with the page's lang
// inside the English widget); no other behaviour changes.
(() => {
  "use strict";
  const root = document.getElementById("swagger-ui");
  if (!root) return;
  const closeLabel = root.dataset.closeLabel;
  const language = document.documentElement.lang;
  const label = () => {
    for (const button of root.querySelectorAll("button.close-modal:not([aria-label])")) {
      button.setAttribute("aria-label", closeLabel);
      button.setAttribute("lang", language);
    }
  };
  new MutationObserver(label).observe(root, { childList: true, subtree: true });
})();
