/*
 * Reading a translated page next to its English original (sxs/site/reader.py
 * prepares everything server-side; this script only enhances it):
 * - each segment (<span data-sxs="ID">) shows its English source in a tooltip
 *   on hover, on keyboard focus and on tap (tap focuses the segment);
 *   Escape, blur and leaving the segment close it;
 * - the "Read in English" button swaps every segment to its English source
 *   and back; the choice lasts for the browser session (sessionStorage).
 * In right-to-left pages the notice and toggle follow the page's direction
 * (CSS logical properties); tooltips start at the segment's right edge, and
 * English text is marked dir="ltr".
 * English HTML is only ever cloned from the server-made <template>; texts
 * are set with textContent.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "sxs.readInEnglish";
  var template = document.getElementById("sxs-english");
  if (!template) {
    return;
  }

  var sources = {};
  Array.prototype.forEach.call(template.content.querySelectorAll("[data-sxs-en]"), function (node) {
    sources[node.getAttribute("data-sxs-en")] = node;
  });
  var segments = Array.prototype.filter.call(
    document.querySelectorAll("article [data-sxs]"),
    function (segment) { return sources[segment.getAttribute("data-sxs")]; }
  );

  var tooltip = document.createElement("div");
  tooltip.id = "sxs-tooltip";
  tooltip.className = "sxs-tooltip";
  tooltip.setAttribute("role", "tooltip");
  tooltip.setAttribute("lang", "en");
  tooltip.setAttribute("dir", "ltr");  // English, also in a right-to-left page
  tooltip.hidden = true;
  document.body.appendChild(tooltip);

  var inEnglish = false;
  var originals = new Map();

  function source(segment) {
    return sources[segment.getAttribute("data-sxs")];
  }

  function show(segment) {
    if (inEnglish) {
      return;
    }
    tooltip.textContent = source(segment).textContent;
    tooltip.hidden = false;
    var first = segment.getClientRects()[0] || segment.getBoundingClientRect();
    var box = segment.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    // Aligned on the start of the segment's first line: its right edge in a right-to-left text.
    var start = getComputedStyle(segment).direction === "rtl" ? first.right - tooltip.offsetWidth : first.left;
    var left = Math.max(8, Math.min(start, width - tooltip.offsetWidth - 8));
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    tooltip.hidden = true;
  }

  function focusedSegment() {
    var active = document.activeElement;
    return active && active.hasAttribute("data-sxs") && segments.indexOf(active) >= 0 ? active : null;
  }

  segments.forEach(function (segment) {
    segment.removeAttribute("title");  // the tooltip replaces the browser's own
    segment.tabIndex = 0;
    segment.setAttribute("aria-describedby", tooltip.id);
    segment.addEventListener("mouseenter", function () { show(segment); });
    segment.addEventListener("mouseleave", function () {
      var focused = focusedSegment();
      if (focused) {
        show(focused);
      } else {
        hide();
      }
    });
    segment.addEventListener("focus", function () { show(segment); });
    segment.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });
  window.addEventListener("resize", hide);

  function toEnglish(segment) {
    if (originals.has(segment)) {
      return;
    }
    var french = document.createDocumentFragment();
    while (segment.firstChild) {
      french.appendChild(segment.firstChild);
    }
    originals.set(segment, french);
    var english = document.importNode(source(segment), true);
    while (english.firstChild) {
      segment.appendChild(english.firstChild);
    }
    segment.setAttribute("lang", "en");
    segment.setAttribute("dir", "ltr");  // English inside a right-to-left page reads left to right
  }

  function toTranslation(segment) {
    var french = originals.get(segment);
    if (!french) {
      return;
    }
    segment.textContent = "";
    segment.appendChild(french);
    originals.delete(segment);
    segment.removeAttribute("lang");
    segment.removeAttribute("dir");
  }

  var toggle = document.querySelector(".sxs-reader__toggle");

  function setEnglish(on) {
    hide();
    segments.forEach(on ? toEnglish : toTranslation);
    inEnglish = on;
    if (toggle) {
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    }
    try {
      if (on) {
        sessionStorage.setItem(STORAGE_KEY, "1");
      } else {
        sessionStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Storage can be disabled; the toggle still works on this page.
    }
  }

  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () { setEnglish(!inEnglish); });
  }
  var remembered = false;
  try {
    remembered = sessionStorage.getItem(STORAGE_KEY) === "1";
  } catch (error) {
    remembered = false;
  }
  if (remembered) {
    setEnglish(true);
  }
})();
