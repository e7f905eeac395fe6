/* Accessibility fixes to the theme (found by axe-core in tests/browser). */
(function () {
  "use strict";
  // The search dialog has no accessible name: give it its search field's label ("Search", "Rechercher").
  var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  var field = dialog && dialog.querySelector("input[aria-label]");
  if (field) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  }
})();
