// Regiokompas: the "wordt berekend" page reloads itself after the server's Retry-After.
// Without this script the page offers a link to reload by hand.
(function () {
  "use strict";
  var el = document.querySelector("[data-opnieuw]");
  var seconds = el ? parseFloat(el.getAttribute("data-opnieuw")) : NaN;
  if (isFinite(seconds) && seconds > 0) {
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
