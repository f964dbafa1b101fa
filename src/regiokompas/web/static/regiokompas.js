// Regiokompas: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  // Charts: the data sits in <script type="application/json">; Plotly (served by this app) draws it.
  function drawCharts() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      window.Plotly.newPlot(el, spec.data, spec.layout, {displayModeBar: false, responsive: true});
      el.setAttribute("data-drawn", "1");
    });
  }
  // Maps: a click on a gemeente opens its page (keyboard users use the table beside the map).
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest) {
      var path = target.closest("path[data-href]");
      if (path) { window.location.href = path.getAttribute("data-href"); }
    }
  });
  // Deferred scripts (this one and plotly.min.js) all run before DOMContentLoaded.
  if (document.readyState === "complete") {
    drawCharts();
  } else {
    document.addEventListener("DOMContentLoaded", drawCharts);
  }
})();
